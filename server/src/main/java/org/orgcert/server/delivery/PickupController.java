package org.orgcert.server.delivery;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A window's call list (R-CH-5): {@code GET /api/v1/pickup-notices?windowId=}, and marking a call made. */
@RestController
class PickupController {
    private final PickupNotices notices;

    PickupController(PickupNotices notices) {
        this.notices = notices;
    }

    @GetMapping("/api/v1/pickup-notices")
    List<PickupNotices.Notice> open(@RequestParam String windowId) {
        return notices.openNotices(windowId);
    }

    @PostMapping("/api/v1/pickup-notices/{applicationId}/phoned")
    String phoned(@PathVariable UUID applicationId,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return notices.phoned(applicationId, actor).state().name();
    }
}
