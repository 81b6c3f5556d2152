package org.orgcert.server.demo;

import java.util.List;
import java.util.Optional;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.OutboxMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's SMS "phone": the texts sent to the demo's made-up numbers, which no gateway delivers, so that a
 * newcomer can read the one-time code and sign in as an employer's agent. Exists only with
 * {@code orgcert.demo=true}, and shows only the demo's own numbers: a real employer's texts never.
 */
@Component
@ConditionalOnProperty(name = "orgcert.demo", havingValue = "true")
public class DemoSms {
    private final Notifications notifications;

    DemoSms(Notifications notifications) {
        this.notifications = notifications;
    }

    /** The newest texts to {@code mobile}, newest first; none for a number that is not the demo's. */
    public List<OutboxMessage> latestTo(String mobile, int limit) {
        if (!DemoCast.isDemoNumber(mobile)) {
            return List.of();
        }
        return notifications.latestTo(MobileNumber.parse(mobile), limit);
    }

    /** The newest text to {@code mobile}, if it is a demo number and has had one. */
    public Optional<String> latestTextTo(String mobile) {
        return latestTo(mobile, 1).stream().map(OutboxMessage::text).findFirst();
    }
}
