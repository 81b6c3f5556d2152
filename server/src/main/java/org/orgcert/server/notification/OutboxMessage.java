package org.orgcert.server.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in the outbox as staff see it.
 *
 * @param recipient        masked, like {@code 138****5678}
 * @param text             the text, or null when it is hidden ({@code orgcert.dev-outbox-visible=false})
 * @param sentAt           when the gateway took it, or null while it waits
 * @param state            queued (not tried yet, or no gateway set), retrying (failed attempts), sent
 * @param attempts         attempts made so far, the successful one included
 * @param lastError        why the last attempt failed (no number, no text), or null
 * @param lastAttemptAt    when the last attempt was made, or null
 * @param nextAttemptAt    when it is tried next, or null once sent
 * @param gatewayMessageId the gateway's message id(s) (one per part, comma-separated), or null
 * @param template         the bureau's text it was made from ({@code review.approved}), or null
 */
public record OutboxMessage(UUID id, String channel, String recipient, String text, Instant createdAt,
        Instant sentAt, State state, int attempts, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
        String gatewayMessageId, String template) {

    /** Where a message is. */
    public enum State {
        QUEUED, RETRYING, SENT
    }
}
