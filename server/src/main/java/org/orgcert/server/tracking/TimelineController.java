package org.orgcert.server.tracking;

import java.util.UUID;
import org.orgcert.server.domain.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/applications/{id}/timeline}: the employer's status page data. */
@RestController
class TimelineController {
    private final Timelines timelines;

    TimelineController(Timelines timelines) {
        this.timelines = timelines;
    }

    @GetMapping("/api/v1/applications/{id}/timeline")
    Timeline timeline(@PathVariable UUID id, Actor actor) {
        return timelines.of(id, actor);
    }
}
