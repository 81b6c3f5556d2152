package org.orgcert.server.audit;

/**
 * One state change to be audited.
 *
 * @param actor       who did it: a staff login, {@code employer:<mobile masked>}, or {@code system:<job>}
 * @param action      what was done, e.g. {@code application.approved}
 * @param subjectType the kind of thing changed, e.g. {@code application}
 * @param subjectId   its id
 * @param detail      a short human-readable detail (never a secret or an unmasked ID number)
 */
public record AuditEntry(String actor, String action, String subjectType, String subjectId, String detail) {
    public AuditEntry {
        if (actor == null || actor.isBlank() || action == null || action.isBlank()
                || subjectType == null || subjectId == null) {
            throw new IllegalArgumentException("an audit entry needs an actor, an action and a subject");
        }
        detail = detail == null ? "" : detail;
    }
}
