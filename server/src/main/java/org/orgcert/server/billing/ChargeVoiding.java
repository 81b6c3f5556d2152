package org.orgcert.server.billing;

import java.sql.Timestamp;
import java.time.Clock;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.Consequence;
import org.orgcert.server.application.TransitionConsequence;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A withdrawn application produced nothing: its booked charges are voided (kept, marked), so the employer owes
 * nothing for it, the bureau's report counts no subsidy for it, and a transfer already matched is refunded by
 * customer service.
 */
@Component
class ChargeVoiding implements TransitionConsequence {
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ChargeVoiding(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Consequence consequence() {
        return Consequence.VOID_CHARGES;
    }

    @Override
    public void carryOut(Application before, ApplicationEvent event, Actor actor) {
        int voided = jdbc.update("UPDATE charge SET voided_at = ? WHERE application_id = ? AND voided_at IS NULL",
                Timestamp.from(clock.instant()), before.id());
        if (voided > 0) {
            audit.record(new AuditEntry(actor.auditName(), "billing.charges-voided", "application",
                    before.id().toString(), voided + " booked lines voided: " + event));
        }
    }
}
