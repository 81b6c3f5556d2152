package org.orgcert.server.lifecycle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ScanType;
import org.orgcert.server.application.Scans;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.lifecycle.InformationChangeRequest.Information;
import org.orgcert.server.lifecycle.InformationChangeRequest.State;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The employer's side of an information change (R-FEE-1 c, free): the agent asks, on a valid certificate of
 * one of their employers, for a new registered name, legal representative and/or address, says why and
 * uploads the supporting paper (checked like every scan, {@link Scans}); customer service compares the paper
 * with the current and requested information and approves, which is {@link InformationChanges#change} itself
 * (same key, same expiry, the old certificate superseded), or rejects with a reason the employer sees.
 *
 * <ul>
 *   <li>At most one request per certificate waits (a partial unique index; a second is 409
 *       {@code change-pending}). A revoked, expired, renewed or still-unsigned certificate is refused, as by
 *       {@code InformationChanges}.</li>
 *   <li>A request has no USCC at all: a USCC cannot change (R-CERT-5).</li>
 *   <li>Approval marks the request approved in the transaction that decides and records the change, so a
 *       refused change (the certificate expired or was reported lost meanwhile) leaves the request pending and
 *       nothing else changed. Signing follows in its own transaction (record before sign); should it fail,
 *       approving again signs the recorded successor.</li>
 *   <li>Another employer's request or certificate is 404 to an agent. Every step and every refused attempt is
 *       audited on the certificate; the scan's content never is (its size and SHA-256 are).</li>
 * </ul>
 */
@Service
public class InformationChangeRequests {
    private static final String COLUMNS = "id, certificate_serial, state, current_name, current_legal_representative,"
            + " current_address, employer_name, legal_representative, address, reason, scan_filename,"
            + " scan_media_type, scan_size_bytes, encode(scan_sha256, 'hex') AS scan_sha256_hex, requested_by,"
            + " requested_at, decided_by, decided_at, rejection_reason";
    private static final int MAX_NAME = 100;
    private static final int MAX_REPRESENTATIVE = 50;
    private static final int MAX_ADDRESS = 200;
    private static final int MAX_REASON = 500;

    private final CertificateStore certificates;
    private final InformationChanges changes;
    private final ApplicationService applications;
    private final EmployerDirectory employers;
    private final AuditLog audit;
    private final RefusalLog refusals;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    InformationChangeRequests(CertificateStore certificates, InformationChanges changes,
            ApplicationService applications, EmployerDirectory employers, AuditLog audit, RefusalLog refusals,
            JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.certificates = certificates;
        this.changes = changes;
        this.applications = applications;
        this.employers = employers;
        this.audit = audit;
        this.refusals = refusals;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A request's scan: its description and content. */
    public record Content(InformationChangeRequest request, byte[] bytes) {
    }

    /**
     * The employer's information as it stands for {@code certificate}: the name in the certificate, the legal
     * representative of the application it was issued for (a changed one after an earlier change), the address
     * in the employer register.
     */
    public Information current(CertificateRecord certificate) {
        return new Information(certificate.employerName(),
                applications.get(certificate.applicationId()).form().legalRepresentative(),
                employers.findByUscc(certificate.uscc()).map(EmployerView::address).orElse(null));
    }

    /**
     * Files the agent's request to change certificate {@code serial}.
     *
     * @param requested what should change; blank fields, or fields equal to the current ones, stay as they are
     * @param reason    why, for customer service
     * @throws Refusal 404 {@code unknown-certificate} (also another employer's); 403 {@code role-not-allowed}
     *                    (not an employer's agent); 409 {@code change-pending}, {@code certificate-not-valid},
     *                    {@code already-renewed}; 400 {@code invalid-input} (per field), {@code nothing-changed},
     *                    {@code empty-file}; 413 {@code file-too-large}; 415 {@code unsupported-file-type}
     */
    public InformationChangeRequest request(BigInteger serial, Information requested, String reason, String filename,
            byte[] scan, Actor actor) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        try {
            return transaction.execute(status -> {
                CertificateRecord certificate = visible(serial, actor);
                if (!(actor instanceof Actor.EmployerAgent)) {
                    throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("Requests are the employer agent’s; customer"
                            + " service changes the information directly after checking the papers.");
                }
                changes.changeable(serial, new InformationChanges.Change(null, null, null, null));
                requireNonePending(serial);
                Information current = current(certificate);
                Information asked = validate(requested, reason, current);
                ScanType type = Scans.check(scan);
                UUID id = UUID.randomUUID();
                String sha256 = Scans.sha256(scan);
                try {
                    jdbc.update("INSERT INTO information_change_request (id, certificate_serial, state, current_name,"
                            + " current_legal_representative, current_address, employer_name, legal_representative,"
                            + " address, reason, scan_filename, scan_media_type, scan_size_bytes, scan_sha256, scan,"
                            + " requested_by, requested_at) VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " decode(?, 'hex'), ?, ?, ?)", id, new BigDecimal(serial), current.employerName(),
                            current.legalRepresentative(), current.address(), asked.employerName(),
                            asked.legalRepresentative(), asked.address(), reason.strip(),
                            Scans.filename(filename, "scan"), type.mediaType(), scan.length, sha256, scan,
                            actor.auditName(), Timestamp.from(clock.instant()));
                } catch (DuplicateKeyException raced) {
                    throw pending(serial);
                }
                audit.record(new AuditEntry(actor.auditName(), "information-change.requested", "certificate", hex,
                        "request " + id + " (" + String.join(", ", changedFields(asked)) + "), scan " + type + ", "
                                + scan.length + " bytes, sha256 " + sha256));
                return find(id).orElseThrow();
            });
        } catch (Refusal refused) {
            refusals.record(actor.auditName(), "information-change.request", "certificate", hex, refused);
            throw refused;
        }
    }

    /**
     * The request, if {@code actor} may see it (its employer's agent, or customer service).
     *
     * @throws Refusal 404 {@code unknown-request} (also another employer's)
     */
    public InformationChangeRequest get(UUID id, Actor actor) {
        return find(id).filter(request -> certificates.findBySerial(request.certificateSerial())
                .map(c -> maySee(actor, c)).orElse(false)).orElseThrow(() -> unknown(id));
    }

    /**
     * Certificate {@code serial}'s requests, newest first.
     *
     * @throws Refusal 404 {@code unknown-certificate} (also another employer's)
     */
    public List<InformationChangeRequest> ofCertificate(BigInteger serial, Actor actor) {
        visible(serial, actor);
        return jdbc.query("SELECT " + COLUMNS + " FROM information_change_request WHERE certificate_serial = ?"
                + " ORDER BY requested_at DESC", InformationChangeRequests::map, new BigDecimal(serial));
    }

    /** Requests waiting for customer service, oldest first. */
    public List<InformationChangeRequest> pending() {
        return jdbc.query("SELECT " + COLUMNS + " FROM information_change_request WHERE state = 'PENDING'"
                + " ORDER BY requested_at LIMIT 500", InformationChangeRequests::map);
    }

    /**
     * The request's scan, for whoever may see the request.
     *
     * @throws Refusal 404 {@code unknown-request}
     */
    public Content scan(UUID id, Actor actor) {
        InformationChangeRequest request = get(id, actor);
        return new Content(request, jdbc.queryForObject("SELECT scan FROM information_change_request WHERE id = ?",
                byte[].class, id));
    }

    /**
     * Customer service approves: the change is made ({@link InformationChanges#change}) and the request marked
     * approved together. For a request approved before whose signing failed, signs the recorded successor.
     *
     * @throws Refusal 403 {@code role-not-allowed}; 404 {@code unknown-request}; 409 {@code already-decided},
     *                    and what {@code InformationChanges.change} refuses (the request then stays pending)
     */
    public InformationChangeRequest approve(UUID id, Actor staff) {
        InformationChangeRequest request = find(id).orElseThrow(() -> unknown(id));
        if (request.state() == State.PENDING) {
            // Refused here (a role that does not decide) before any change is filed; decided again under the lock.
            InformationChangeDecisions.decide(request.state(), staff, InformationChangeDecisions.Event.APPROVE);
        }
        Optional<CertificateRecord> unsigned = request.state() != State.APPROVED ? Optional.empty()
                : certificates.findSuccessor(request.certificateSerial())
                        .filter(c -> c.state() == CertificateState.ISSUING);
        if (unsigned.isPresent()) {
            changes.issue(unsigned.get().applicationId(), request.certificateSerial(), staff.auditName());
        } else {
            changes.change(request.certificateSerial(), request.change(), staff.auditName(),
                    () -> decide(id, InformationChangeDecisions.Event.APPROVE, null, staff));
        }
        return find(id).orElseThrow();
    }

    /**
     * Customer service rejects with a reason the employer sees; nothing else changes.
     *
     * @throws Refusal 403 {@code role-not-allowed}; 400 {@code reason-required}; 404 {@code unknown-request};
     *                    409 {@code already-decided}
     */
    public InformationChangeRequest reject(UUID id, String reason, Actor staff) {
        return transaction.execute(status -> {
            decide(id, InformationChangeDecisions.Event.REJECT, reason, staff);
            return find(id).orElseThrow();
        });
    }

    /**
     * Applies {@code event} to the request under its row lock (of two deciders, one wins), as its machine
     * ({@link InformationChangeDecisions}) allows; approving is followed by the change itself (the caller's
     * {@code InformationChanges.change}, in the same transaction).
     */
    private void decide(UUID id, InformationChangeDecisions.Event event, String reason, Actor actor) {
        InformationChangeRequest request = jdbc.query("SELECT " + COLUMNS + " FROM information_change_request"
                + " WHERE id = ? FOR UPDATE", InformationChangeRequests::map, id).stream().findFirst()
                .orElseThrow(() -> unknown(id));
        State decision = InformationChangeDecisions.decide(request.state(), actor, event).target();
        if (decision == State.REJECTED && (reason == null || reason.isBlank())) {
            throw LifecycleRefusal.REASON_REQUIRED.refuse("Say why the change is rejected; the employer sees it.");
        }
        String why = reason == null ? null : reason.strip();
        jdbc.update("UPDATE information_change_request SET state = ?, decided_by = ?, decided_at = ?,"
                + " rejection_reason = ? WHERE id = ?", decision.name(), actor.auditName(), Timestamp.from(clock.instant()),
                why, id);
        audit.record(new AuditEntry(actor.auditName(), "information-change." + decision.name().toLowerCase(Locale.ROOT),
                "certificate", request.certificateSerialHex(), "request " + id + (why == null ? "" : ": " + why)));
    }

    /** The certificate if {@code actor} may see it; 404 otherwise, as for an unknown one. */
    private CertificateRecord visible(BigInteger serial, Actor actor) {
        return certificates.findBySerial(serial).filter(c -> maySee(actor, c))
                .orElseThrow(() -> LifecycleRefusal.UNKNOWN_CERTIFICATE.refuse("No certificate of yours has serial "
                        + serial.toString(16).toUpperCase(Locale.ROOT) + "."));
    }

    private static boolean maySee(Actor actor, CertificateRecord certificate) {
        if (actor instanceof Actor.EmployerAgent agent) {
            return agent.actsFor(certificate.uscc().value());
        }
        return actor.hasRole(StaffRole.CA_SERVICE);
    }

    private void requireNonePending(BigInteger serial) {
        Integer waiting = jdbc.queryForObject("SELECT count(*) FROM information_change_request"
                + " WHERE certificate_serial = ? AND state = 'PENDING'", Integer.class, new BigDecimal(serial));
        if (waiting != null && waiting > 0) {
            throw pending(serial);
        }
    }

    private static Refusal pending(BigInteger serial) {
        return LifecycleRefusal.CHANGE_PENDING.refuse("A change of certificate "
                + serial.toString(16).toUpperCase(Locale.ROOT) + " is already waiting for customer service;"
                + " wait for its decision before asking again.");
    }

    /**
     * The requested information with unchanged fields as null; 400 per field for what is too long or missing,
     * {@code nothing-changed} when nothing differs from {@code current}.
     */
    private static Information validate(Information requested, String reason, Information current) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = changed(requested.employerName(), current.employerName(), MAX_NAME, "employerName", errors);
        String representative = changed(requested.legalRepresentative(), current.legalRepresentative(),
                MAX_REPRESENTATIVE, "legalRepresentative", errors);
        String address = changed(requested.address(), current.address(), MAX_ADDRESS, "address", errors);
        if (reason == null || reason.isBlank()) {
            errors.put("reason", "say why the information changes");
        } else if (reason.strip().length() > MAX_REASON) {
            errors.put("reason", "at most " + MAX_REASON + " characters");
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields("the request has problems", errors);
        }
        if (name == null && representative == null && address == null) {
            throw LifecycleRefusal.NOTHING_CHANGED.refuse("The request changes neither the name, the legal"
                    + " representative nor the address.");
        }
        return new Information(name, representative, address);
    }

    /** The new value of a field, or null when it stays as it is. */
    private static String changed(String wanted, String current, int max, String field, Map<String, String> errors) {
        String value = InformationChanges.blankToNull(wanted) == null ? null : wanted.strip();
        if (value != null && value.length() > max) {
            errors.put(field, "at most " + max + " characters");
        }
        return Objects.equals(value, current) ? null : value;
    }

    private static List<String> changedFields(Information asked) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", asked.employerName());
        fields.put("legal representative", asked.legalRepresentative());
        fields.put("address", asked.address());
        return fields.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
    }

    private Optional<InformationChangeRequest> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM information_change_request WHERE id = ?",
                InformationChangeRequests::map, id).stream().findFirst();
    }

    private static Refusal unknown(UUID id) {
        return LifecycleRefusal.UNKNOWN_REQUEST.refuse("No information-change request " + id + " of yours.");
    }

    private static InformationChangeRequest map(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new InformationChangeRequest(rs.getObject("id", UUID.class),
                rs.getBigDecimal("certificate_serial").toBigIntegerExact(), State.valueOf(rs.getString("state")),
                new Information(rs.getString("current_name"), rs.getString("current_legal_representative"),
                        rs.getString("current_address")),
                new Information(rs.getString("employer_name"), rs.getString("legal_representative"),
                        rs.getString("address")),
                rs.getString("reason"),
                new InformationChangeRequest.Scan(rs.getString("scan_filename"),
                        Scans.ofMediaType(rs.getString("scan_media_type")), rs.getInt("scan_size_bytes"),
                        rs.getString("scan_sha256_hex")),
                rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("rejection_reason"));
    }
}
