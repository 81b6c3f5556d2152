package org.orgcert.server.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.Consequence;
import org.orgcert.server.application.TransitionConsequence;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Books an application's charges when it is approved (BOOK_CHARGES of APPROVE and APPROVE_ONLINE), in the
 * approving transaction: one row per quote line
 * with the amount, payer, rule and price used (so later price changes reprice nothing), and the district and
 * window for the bureau's report. Lines of 0 yuan are booked too: the report counts them.
 */
@Component
class ChargeBooking implements TransitionConsequence {
    private final FeeQuotes quotes;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ChargeBooking(FeeQuotes quotes, AuditLog audit, JdbcTemplate jdbc, Clock clock) {
        this.quotes = quotes;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Consequence consequence() {
        return Consequence.BOOK_CHARGES;
    }

    @Override
    public void carryOut(Application approved, ApplicationEvent event, Actor actor) {
        Quote quote = quotes.quote(approved);
        Timestamp now = Timestamp.from(clock.instant());
        for (QuoteLine line : quote.lines()) {
            jdbc.update("INSERT INTO charge (id, application_id, kind, item, payer, amount_fen, rule, price_id, district,"
                    + " channel, window_id, booked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (application_id, item) DO NOTHING", UUID.randomUUID(), approved.id(),
                    approved.form().kind().name(), line.item().name(), line.payer().name(), line.amount().value(),
                    line.rule(), line.price().id(), approved.form().uscc().divisionCode(),
                    approved.form().channel().name(), approved.form().windowId(), now);
        }
        audit.record(new AuditEntry(actor.auditName(), "billing.charged", "application", approved.id().toString(),
                "employer " + quote.total(Payer.EMPLOYER) + " yuan, bureau " + quote.total(Payer.BUREAU) + " yuan ("
                        + String.join(", ", quote.lines().stream().map(l -> l.item() + " " + l.amount() + " "
                                + l.payer() + " " + l.rule()).toList()) + ")"));
    }
}
