package org.orgcert.server.delivery;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A window's call list (R-CH-5): {@code GET /api/v1/pickup-notices?windowId=}, and marking a call made; a
 * window clerk only for their own window (403 {@code other-window}).
 */
@RestController
class PickupController {
    private final PickupNotices notices;
    private final ApplicationService applications;

    PickupController(PickupNotices notices, ApplicationService applications) {
        this.notices = notices;
        this.applications = applications;
    }

    @GetMapping("/api/v1/pickup-notices")
    List<PickupNotices.Notice> open(@RequestParam String windowId, Actor.Staff actor) {
        if (actor.isClerkOfOtherWindow(windowId)) {
            throw otherWindow(actor);
        }
        return notices.openNotices(windowId);
    }

    @PostMapping("/api/v1/pickup-notices/{applicationId}/phoned")
    String phoned(@PathVariable UUID applicationId,
            Actor.Staff actor) {
        if (actor.isClerkOfOtherWindow(applications.get(applicationId).form().windowId())) {
            throw otherWindow(actor);
        }
        return notices.phoned(applicationId, actor).state().name();
    }

    private static Refusal otherWindow(Actor.Staff clerk) {
        return DeliveryRefusal.OTHER_WINDOW.refuse("a clerk of window " + clerk.windowId()
                + " may not act on another window's keys");
    }
}
