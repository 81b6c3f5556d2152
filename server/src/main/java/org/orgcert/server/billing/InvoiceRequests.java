package org.orgcert.server.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoice requests (R-FEE-4): for an application the employer paid, in the employer's name with its USCC as
 * tax number, for at most what it paid; passed to the tax system adapter.
 */
@Service
public class InvoiceRequests {
    private final JdbcTemplate jdbc;
    private final Payments payments;
    private final TaxSystem tax;
    private final AuditLog audit;
    private final Clock clock;

    InvoiceRequests(JdbcTemplate jdbc, Payments payments, TaxSystem tax, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.tax = tax;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Requests an invoice.
     *
     * @throws Refusal 400 with a message per field (tax number not the USCC, amount above what was paid,
     *                    e-mail)
     */
    @Transactional
    public InvoiceRequest request(Application application, String buyerName, String taxNumber, Fen amount, String email,
            String actor) {
        Fen paid = payments.forApplication(application.id()).stream().map(p -> p.amount().minus(p.refunded()))
                .reduce(Fen.ZERO, Fen::plus);
        Fen invoiced = list(application.id()).stream().filter(r -> r.state() != InvoiceRequest.State.FAILED)
                .map(InvoiceRequest::amount).reduce(Fen.ZERO, Fen::plus);
        Map<String, String> problems = new LinkedHashMap<>();
        if (buyerName == null || buyerName.isBlank() || buyerName.length() > 100) {
            problems.put("buyerName", "the employer's full name (必填)");
        }
        if (taxNumber == null || !taxNumber.strip().equalsIgnoreCase(application.form().uscc().value())) {
            problems.put("taxNumber", "the employer's tax number is its USCC, " + application.form().uscc().value());
        }
        if (amount == null || !amount.isPositive() || amount.compareTo(paid.minus(invoiced)) > 0) {
            problems.put("amount", "above 0 and at most what was paid and not yet invoiced: " + paid.minus(invoiced)
                    + " yuan");
        }
        if (email == null || !email.strip().matches("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,}")) {
            problems.put("email", "an e-mail address for the invoice");
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields("the invoice request is not valid", problems);
        }
        InvoiceRequest request = new InvoiceRequest(UUID.randomUUID(), application.id(), buyerName.strip(),
                application.form().uscc().value(), amount, email.strip(), InvoiceRequest.State.REQUESTED, null,
                clock.instant());
        TaxSystem.Outcome outcome = tax.submit(request);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO invoice_request (id, application_id, buyer_name, tax_number, amount_fen, email, state,"
                + " tax_reference, requested_by, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                request.id(), application.id(), request.buyerName(), request.taxNumber(), amount.value(), request.email(),
                outcome.state().name(), outcome.taxReference(), actor, now, now);
        audit.record(new AuditEntry(actor, "invoice.requested", "application", application.id().toString(),
                amount + " yuan to " + request.buyerName() + " (" + request.taxNumber() + "): " + outcome.state()));
        return list(application.id()).stream().filter(r -> r.id().equals(request.id())).findFirst().orElseThrow();
    }

    /**
     * Staff record the invoice number once they issued it in the tax system ({@link InvoiceDecisions}).
     *
     * @throws Refusal 400 without a number; 403 {@code role-not-allowed}; 409 {@code not-requested} (unknown or
     *                    already handled)
     */
    @Transactional
    public void issued(UUID id, String taxReference, Actor actor) {
        if (taxReference == null || taxReference.isBlank()) {
            throw Refusal.invalidFields("the invoice number is missing", Map.of("taxReference", "required"));
        }
        InvoiceRequest.State state = jdbc.query("SELECT state FROM invoice_request WHERE id = ? FOR UPDATE",
                (rs, row) -> InvoiceRequest.State.valueOf(rs.getString(1)), id).stream().findFirst()
                .orElseThrow(() -> BillingRefusal.NOT_REQUESTED.refuse("Invoice request " + id + " is unknown."));
        InvoiceRequest.State target = InvoiceDecisions.decide(state, actor, InvoiceDecisions.Event.RECORD_ISSUED);
        jdbc.update("UPDATE invoice_request SET state = ?, tax_reference = ?, updated_at = ? WHERE id = ?",
                target.name(), taxReference.strip(), Timestamp.from(clock.instant()), id);
        audit.record(new AuditEntry(actor.auditName(), "invoice.issued", "invoice", id.toString(),
                "number " + taxReference.strip()));
    }

    public List<InvoiceRequest> list(UUID applicationId) {
        return jdbc.query("SELECT * FROM invoice_request WHERE application_id = ? ORDER BY requested_at",
                InvoiceRequests::map, applicationId);
    }

    /** Requests waiting for staff, oldest first. */
    public List<InvoiceRequest> open() {
        return jdbc.query("SELECT * FROM invoice_request WHERE state = 'REQUESTED' ORDER BY requested_at LIMIT 500",
                InvoiceRequests::map);
    }

    private static InvoiceRequest map(ResultSet rs, int row) throws SQLException {
        return new InvoiceRequest(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
                rs.getString("buyer_name"), rs.getString("tax_number"), new Fen(rs.getLong("amount_fen")),
                rs.getString("email"), InvoiceRequest.State.valueOf(rs.getString("state")), rs.getString("tax_reference"),
                rs.getTimestamp("requested_at").toInstant());
    }
}
