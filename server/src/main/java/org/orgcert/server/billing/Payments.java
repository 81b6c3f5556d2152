package org.orgcert.server.billing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.PlainText;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfers to the CA's account (R-FEE-4): recorded by staff or imported from a bank statement (CSV), each
 * counted once by its reference (the same reference with other data is refused); matched to an application automatically when the remark (or the payer)
 * names exactly one waiting employer in full and the amount is what that application still owes, otherwise by
 * staff. Under-payment leaves the rest owed; over-payment settles and leaves a credit to refund. A paid-up
 * application leaves AWAITING_PAYMENT for production (PAYMENT_SETTLED).
 */
@Service
public class Payments {
    static final String ACTOR = "system:billing";
    private static final Set<ApplicationState> ENDED = EnumSet.of(ApplicationState.WITHDRAWN, ApplicationState.REJECTED,
            ApplicationState.DECLINED, ApplicationState.RETURNED_AND_CANCELLED);
    private static final int MAX_LINES = 10_000;

    private final JdbcTemplate jdbc;
    private final ApplicationService applications;
    private final AuditLog audit;
    private final Clock clock;

    Payments(JdbcTemplate jdbc, ApplicationService applications, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.audit = audit;
        this.clock = clock;
    }

    /** A recorded transfer and whether it had been recorded before (then nothing changed). */
    public record Recorded(Payment payment, boolean duplicate) {
    }

    /**
     * Records a transfer and matches it if it can.
     *
     * @throws Refusal 400 {@code invalid-payment} with a message per field
     */
    @Transactional
    public Recorded record(PaymentInput input, String actor) {
        check(input);
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update("INSERT INTO payment (id, reference, method, payer_name, amount_fen, paid_at, remark,"
                + " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reference) DO NOTHING", id,
                input.reference().strip(), input.method().name(), input.payerName().strip(), input.amount().value(),
                Timestamp.from(input.paidAt().truncatedTo(ChronoUnit.MICROS)), input.remark() == null ? "" : input.remark().strip(), actor,
                Timestamp.from(clock.instant()));
        Payment payment = byReference(input.reference().strip()).orElseThrow();
        if (inserted == 0) {
            if (!payment.amount().equals(input.amount()) || !payment.payerName().equals(input.payerName().strip())
                    || !payment.paidAt().equals(input.paidAt().truncatedTo(ChronoUnit.MICROS))) {
                throw BillingRefusal.DUPLICATE_REFERENCE.refuse("Transfer reference " + payment.reference()
                        + " was recorded before with another payer, amount or time; check the statement.");
            }
            return new Recorded(payment, true);
        }
        audit.record(new AuditEntry(actor, "payment.recorded", "payment", payment.id().toString(), payment.method()
                + " " + payment.amount() + " yuan from " + payment.payerName() + ", reference " + payment.reference()));
        autoMatch(payment).ifPresent(application -> match(payment, application, ACTOR, "remark names the employer and"
                + " the amount is what it owes"));
        return new Recorded(byId(payment.id()).orElseThrow(), false);
    }

    /** What an import did. */
    public record Imported(int recorded, int duplicates, int matched) {
    }

    /**
     * Imports a statement, CSV with a header: {@code reference,method,payer_name,amount_yuan,paid_at,remark}
     * ({@code paid_at} Beijing time {@code 2026-06-15T10:30:00}; amount like {@code 220.00}). All or nothing:
     * any bad line refuses the whole file with the line numbers.
     */
    @Transactional
    public Imported importCsv(Reader csv, String actor) {
        List<PaymentInput> inputs = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(csv)) {
            String header = lines.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals(
                    "reference,method,payer_name,amount_yuan,paid_at,remark")) {
                throw BillingRefusal.INVALID_STATEMENT.refuse("The first line must be"
                        + " reference,method,payer_name,amount_yuan,paid_at,remark");
            }
            String line;
            int number = 1;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (inputs.size() >= MAX_LINES) {
                    throw BillingRefusal.STATEMENT_TOO_LONG.refuse("At most " + MAX_LINES + " lines per import.");
                }
                try {
                    PaymentInput input = parse(line);
                    check(input);
                    inputs.add(input);
                } catch (Refusal | IllegalArgumentException | DateTimeParseException e) {
                    if (e instanceof Refusal p && !p.fieldErrors().isEmpty()) {
                        String at = "line " + number + ": ";
                        p.fieldErrors().forEach((field, problem) -> errors.put(at + field, problem));
                    } else {
                        errors.put("line " + number, e instanceof Refusal p ? p.detail() : e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields("the statement has bad lines; nothing was imported", errors);
        }
        int recorded = 0;
        int duplicates = 0;
        int matched = 0;
        for (PaymentInput input : inputs) {
            Recorded result = record(input, actor);
            if (result.duplicate()) {
                duplicates++;
            } else {
                recorded++;
                matched += result.payment().matched() ? 1 : 0;
            }
        }
        return new Imported(recorded, duplicates, matched);
    }

    /**
     * Staff match a transfer to an application.
     *
     * @throws Refusal 404 unknown payment or application; 409 {@code already-matched},
     *                    {@code application-ended} (withdrawn, rejected, declined or cancelled)
     */
    @Transactional
    public Payment match(UUID paymentId, UUID applicationId, String actor) {
        Payment payment = lock(paymentId);
        if (payment.matched()) {
            throw BillingRefusal.ALREADY_MATCHED.refuse("Payment " + payment.reference() + " already pays for"
                    + " application " + payment.applicationId() + ".");
        }
        // Locked: two transfers matched at once, or a match racing the approval, decide on one sum owed.
        Application application = applications.lock(applicationId);
        match(payment, application, actor, "matched by staff");
        return byId(paymentId).orElseThrow();
    }

    /**
     * Pays back part or all of a transfer: an unmatched one in full, a matched one only what it paid beyond
     * what its application owes.
     *
     * @throws Refusal 400 {@code invalid-refund}; 409 {@code refund-too-large}
     */
    @Transactional
    public Payment refund(UUID paymentId, Fen amount, String reason, String actor) {
        if (amount == null || !amount.isPositive() || reason == null || reason.isBlank()) {
            throw Refusal.invalidFields("the refund is not valid", Map.of("refund",
                    "an amount above 0 and a reason"));
        }
        Payment payment = lock(paymentId);
        if (payment.matched()) {
            // Two refunds of two payments of one application must not both pay back the same credit.
            applications.lock(payment.applicationId());
            payment = lock(paymentId);
        }
        Fen refundable = payment.amount().minus(payment.refunded());
        if (payment.matched()) {
            Fen credit = Fen.ZERO.minus(outstanding(payment.applicationId()));
            refundable = credit.compareTo(refundable) < 0 ? credit : refundable;
        }
        if (amount.compareTo(refundable) > 0) {
            throw BillingRefusal.REFUND_TOO_LARGE.refuse("At most " + refundable + " yuan of payment "
                    + payment.reference() + " can be paid back.");
        }
        jdbc.update("INSERT INTO refund (id, payment_id, amount_fen, reason, refunded_by, refunded_at) VALUES"
                + " (?, ?, ?, ?, ?, ?)", UUID.randomUUID(), paymentId, amount.value(), reason.strip(), actor,
                Timestamp.from(clock.instant()));
        audit.record(new AuditEntry(actor, "payment.refunded", "payment", paymentId.toString(), amount + " yuan: "
                + reason.strip()));
        return byId(paymentId).orElseThrow();
    }

    /** What the employer still owes for the application (negative: paid too much). */
    public Fen outstanding(UUID applicationId) {
        Long owed = jdbc.queryForObject("SELECT COALESCE((SELECT sum(amount_fen) FROM charge WHERE application_id = ?"
                + " AND voided_at IS NULL AND payer = 'EMPLOYER'), 0) - COALESCE((SELECT sum(p.amount_fen) - COALESCE(sum(r.amount_fen), 0)"
                + " FROM payment p LEFT JOIN (SELECT payment_id, sum(amount_fen) AS amount_fen FROM refund GROUP BY"
                + " payment_id) r ON r.payment_id = p.id WHERE p.application_id = ?), 0)", Long.class, applicationId,
                applicationId);
        return new Fen(owed == null ? 0 : owed);
    }

    /** The transfers matched to an application. */
    public List<Payment> forApplication(UUID applicationId) {
        return jdbc.query(SELECT + " WHERE p.application_id = ? ORDER BY p.paid_at", Payments::map, applicationId);
    }

    /** Transfers no application claims yet, oldest first: the staff's matching queue. */
    public List<Payment> unmatched() {
        return jdbc.query(SELECT + " WHERE p.application_id IS NULL ORDER BY p.paid_at LIMIT 500", Payments::map);
    }

    private void match(Payment payment, Application application, String actor, String why) {
        if (ENDED.contains(application.state())) {
            throw BillingRefusal.APPLICATION_ENDED.refuse("Application " + application.number() + " is "
                    + application.state() + "; a payment for it is paid back instead.");
        }
        jdbc.update("UPDATE payment SET application_id = ?, matched_by = ?, matched_at = ? WHERE id = ?",
                application.id(), actor, Timestamp.from(clock.instant()), payment.id());
        Fen owed = outstanding(application.id());
        audit.record(new AuditEntry(actor, "payment.matched", "application", application.id().toString(),
                "payment " + payment.reference() + " " + payment.amount() + " yuan (" + why + "); still owed " + owed));
        if (!owed.isPositive() && application.state() == ApplicationState.AWAITING_PAYMENT) {
            applications.apply(application.id(), ApplicationEvent.PAYMENT_SETTLED, Actor.onBehalfOf(actor), "paid in full"
                    + (owed.value() < 0 ? ", " + Fen.ZERO.minus(owed) + " yuan over (refundable)" : ""));
        }
    }

    /** The one waiting application whose employer the remark or payer names in full and whose debt is the amount. */
    private Optional<Application> autoMatch(Payment payment) {
        List<Application> candidates = applications.inState(ApplicationState.AWAITING_PAYMENT, 500).stream()
                .filter(a -> payment.remark().contains(a.form().employerName())
                        || payment.payerName().equals(a.form().employerName()))
                .filter(a -> outstanding(a.id()).equals(payment.amount()))
                .toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static void check(PaymentInput input) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (input.reference() == null || input.reference().isBlank() || input.reference().length() > 64) {
            problems.put("reference", "the transfer's reference number, 1 to 64 characters");
        }
        if (input.method() == null) {
            problems.put("method", "BANK_TRANSFER or WECHAT");
        }
        if (input.payerName() == null || input.payerName().isBlank()) {
            problems.put("payerName", "required");
        }
        // Text as a bank statement gives it: one line each, and a remark of a few lines at most.
        PlainText.line(64).check("reference", input.reference(), problems);
        PlainText.line(200).check("payerName", input.payerName(), problems);
        PlainText.lines(500).check("remark", input.remark(), problems);
        if (input.amount() == null || !input.amount().isPositive()) {
            problems.put("amount", "above 0");
        }
        if (input.paidAt() == null) {
            problems.put("paidAt", "required");
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields("the payment is not valid", problems);
        }
    }

    private static PaymentInput parse(String line) {
        String[] f = line.split(",", 6);
        if (f.length != 6) {
            throw new IllegalArgumentException("6 fields expected (a remark may contain commas only as the last field)");
        }
        BigDecimal yuan = new BigDecimal(f[3].strip());
        if (yuan.scale() > 2) {
            throw new IllegalArgumentException("amounts have at most two decimals");
        }
        Instant paidAt = LocalDateTime.parse(f[4].strip()).atZone(ShanghaiTime.ZONE).toInstant();
        return new PaymentInput(f[0].strip(), Payment.Method.valueOf(f[1].strip()), f[2].strip(),
                new Fen(yuan.movePointRight(2).longValueExact()), paidAt, f[5].strip());
    }

    private static final String SELECT = "SELECT p.*, COALESCE((SELECT sum(amount_fen) FROM refund r WHERE"
            + " r.payment_id = p.id), 0) AS refunded_fen FROM payment p";

    private Payment lock(UUID id) {
        jdbc.query("SELECT id FROM payment WHERE id = ? FOR UPDATE", rs -> { }, id);
        return byId(id).orElseThrow(() -> BillingRefusal.UNKNOWN_PAYMENT.refuse("No payment " + id + "."));
    }

    private Optional<Payment> byId(UUID id) {
        return jdbc.query(SELECT + " WHERE p.id = ?", Payments::map, id).stream().findFirst();
    }

    private Optional<Payment> byReference(String reference) {
        return jdbc.query(SELECT + " WHERE p.reference = ?", Payments::map, reference).stream().findFirst();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getObject("id", UUID.class), rs.getString("reference"),
                Payment.Method.valueOf(rs.getString("method")), rs.getString("payer_name"),
                new Fen(rs.getLong("amount_fen")), rs.getTimestamp("paid_at").toInstant(), rs.getString("remark"),
                rs.getObject("application_id", UUID.class), new Fen(rs.getLong("refunded_fen")));
    }
}
