package org.orgcert.server.lifecycle;

import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Audits a refused attempt (a renewal signed by another key, a replayed nonce, a USCC change, a loss report
 * for someone else's certificate) in a transaction of its own: the attempt's transaction rolls back and
 * changes nothing, but the attempt is on record.
 */
@Component
class RefusalLog {
    private final AuditLog audit;

    RefusalLog(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String actor, String action, String subjectType, String subjectId, Refusal refusal) {
        audit.record(new AuditEntry(actor, action + ".refused", subjectType, subjectId,
                refusal.type() + ": " + refusal.detail()));
    }
}
