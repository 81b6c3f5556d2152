package org.orgcert.server.application;

import java.util.UUID;

/**
 * Published inside the transaction of every transition; listeners that must not see a rolled-back change
 * use {@code @TransactionalEventListener} (after commit).
 */
public record ApplicationMoved(UUID applicationId, ApplicationKind kind, ApplicationEvent event,
        ApplicationState from, ApplicationState to, String actor) {
}
