package org.orgcert.server.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in the outbox as staff see it.
 *
 * @param recipient masked, like {@code 138****5678}
 * @param text      the text, or null when it is hidden ({@code orgcert.dev-outbox-visible=false})
 * @param sentAt    when the gateway took it, or null while it waits
 */
public record OutboxMessage(UUID id, String channel, String recipient, String text, Instant createdAt,
        Instant sentAt) {
}
