package org.orgcert.server.notification;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications}: the outbox with each message's delivery state (queued, retrying with the
 * attempts and the last error, sent with the gateway's message id), for bureau administrators and customer
 * service (R-SMS-3; the roles are checked by the security configuration, as for {@code /staff/sms}); {@code ?queued=true} lists only what waits.
 * Numbers are masked; texts (which hold one-time codes) are shown only in development:
 * {@code orgcert.dev-outbox-visible=true}, which {@code ./orgcert serve --demo} sets.
 */
@RestController
class NotificationController {
    private final Notifications notifications;
    private final boolean textVisible;

    NotificationController(Notifications notifications,
            @Value("${orgcert.dev-outbox-visible:false}") boolean textVisible) {
        this.notifications = notifications;
        this.textVisible = textVisible;
    }

    @GetMapping("/api/v1/notifications")
    List<OutboxMessage> latest(@RequestParam(name = "limit", defaultValue = "50") int limit,
            @RequestParam(name = "queued", defaultValue = "false") boolean queued) {
        return notifications.latest(limit, textVisible, queued);
    }
}
