package org.orgcert.server.lifecycle;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.token.TokenException;
import org.orgcert.token.UnblockAuthority;
import org.orgcert.token.UnblockChallenge;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unlocking a USB key locked by wrong PINs (R-FEE-1 d: free; R-CERT-2). The employer's assistant reads the
 * locked key's challenge; the employer's agent (signed in with a one-time code) files it; the service checks
 * that the key holds a valid certificate of an employer the agent acts for; customer service approves it, or
 * the automatic policy does ({@code orgcert.unlock.auto-approve}, default on). The bureau's one-time response,
 * computed from the unblock secret when asked for and never stored, goes only to the assistant that filed the
 * request (issue 11): it made a random secret and sent its SHA-256 with the request, and gets the response for
 * that secret only ({@link #response}). Nobody reading the request (the agent, customer service) sees it: a
 * person holding a stolen key cannot have it unlocked by reading a code off a page. At most {@code orgcert.unlock.max-per-day} requests per key in 24 hours
 * (default 3): a key locked that often is more likely in the wrong hands. Everything is audited.
 */
@Service
public class UnlockRequests {
    private static final String POLICY = "system:unlock-policy";
    /** Never the response key's hash: nothing that reads a request needs it. */
    private static final String COLUMNS = "id, token_serial, certificate_serial, application_id, challenge, state,"
            + " requested_by, requested_at, decided_by, reason";
    private final CertificateStore certificates;
    private final ApplicationService applications;
    private final UnblockAuthority unblock;
    private final AuditLog audit;
    private final RefusalLog refusals;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final boolean autoApprove;
    private final int maxPerDay;

    UnlockRequests(CertificateStore certificates, ApplicationService applications, UnblockAuthority unblock,
            AuditLog audit, RefusalLog refusals, JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions,
            @Value("${orgcert.unlock.auto-approve:true}") boolean autoApprove,
            @Value("${orgcert.unlock.max-per-day:3}") int maxPerDay) {
        this.certificates = certificates;
        this.applications = applications;
        this.unblock = unblock;
        this.audit = audit;
        this.refusals = refusals;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.autoApprove = autoApprove;
        this.maxPerDay = maxPerDay;
    }

    /**
     * Files a request for key {@code tokenSerial} showing {@code challengeText}.
     *
     * @throws Refusal 400 {@code invalid-challenge}; 404 {@code unknown-token} (no valid certificate of the
     *                    caller's employers on that key); 429 {@code unlock-rate-limited}
     */
    public UnlockRequest request(String tokenSerial, String challengeText, String responseKeyHash, Actor actor) {
        try {
            return transaction.execute(status -> {
                UnblockChallenge challenge = parse(challengeText);
                byte[] responseKey = responseKey(responseKeyHash);
                CertificateRecord certificate = ownValidCertificate(tokenSerial, actor);
                Instant now = clock.instant();
                // A lock per key orders two racing requests, so the rate limit holds.
                jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "unlock:" + tokenSerial);
                Integer recent = jdbc.queryForObject("SELECT count(*) FROM unlock_request WHERE token_serial = ?"
                        + " AND requested_at > ?", Integer.class, tokenSerial, Timestamp.from(now.minus(Duration.ofDays(1))));
                if (recent != null && recent >= maxPerDay) {
                    throw LifecycleRefusal.UNLOCK_RATE_LIMITED.refuse("This USB key was unlocked or asked to be"
                            + " unlocked " + recent + " times in the last 24 hours; call customer service.");
                }
                Application original = applications.get(certificate.applicationId());
                Application application = applications.fileOnline(OnlineForms.of(original.form(), ApplicationKind.UNLOCK,
                        certificate.employerName(), original.form().legalRepresentative()), actor.auditName(),
                        "unlock of USB key " + tokenSerial + " (certificate " + certificate.serialHex() + "), free (R-FEE-1 d)");
                UUID id = UUID.randomUUID();
                jdbc.update("INSERT INTO unlock_request (id, token_serial, certificate_serial, application_id, challenge,"
                        + " state, requested_by, requested_at, response_key_sha256) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)",
                        id, tokenSerial, new BigDecimal(certificate.serial()), application.id(), challenge.text(),
                        actor.auditName(), Timestamp.from(now), responseKey);
                audit.record(new AuditEntry(actor.auditName(), "unlock.requested", "token", tokenSerial,
                        "request " + id + ", challenge " + challenge.text()));
                if (autoApprove) {
                    decide(id, true, null, POLICY, UnlockDecisions.Party.POLICY);
                }
                return find(id).orElseThrow();
            });
        } catch (Refusal refused) {
            refusals.record(actor.auditName(), "unlock.request", "token", String.valueOf(tokenSerial), refused);
            throw refused;
        }
    }

    /** The request, if {@code actor} may see it (its employer's agent, or customer service). */
    public Optional<UnlockRequest> find(UUID id, Actor actor) {
        return find(id).filter(request -> maySee(actor, request));
    }

    /**
     * The bureau's response for approved request {@code id}, for the assistant holding the secret whose SHA-256 came
     * with the request; never logged, audited (only that it was given) or stored.
     *
     * @throws Refusal 403 {@code wrong-response-secret} (also for an unknown request); 409
     *                    {@code unlock-not-approved} while pending or when rejected (with {@code state})
     */
    public Response response(UUID id, String secret) {
        try {
            return transaction.execute(status -> {
                byte[] stored = id == null ? null : jdbc.query("SELECT response_key_sha256 FROM unlock_request WHERE id = ?",
                        (rs, row) -> rs.getBytes(1), id).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
                // Compared in constant time; an unknown request and a wrong secret are answered alike.
                if (stored == null || secret == null || secret.isBlank()
                        || !MessageDigest.isEqual(stored, sha256(secret.strip()))) {
                    throw LifecycleRefusal.WRONG_RESPONSE_SECRET.refuse("This is not the secret of the assistant that"
                            + " asked for unlock request " + id + ".");
                }
                UnlockRequest request = find(id).orElseThrow();
                UnlockDecisions.decide(request.state(), UnlockDecisions.Party.REQUESTING_ASSISTANT,
                        UnlockDecisions.Event.GIVE_RESPONSE);
                audit.record(new AuditEntry("unlock-assistant:" + request.tokenSerial(), "unlock.response-given", "token",
                        request.tokenSerial(), "request " + id));
                return new Response(request, unblock.respond(request.tokenSerial(),
                        UnblockChallenge.parse(request.challenge())).text());
            });
        } catch (Refusal refused) {
            refusals.record("unlock-assistant", "unlock.response", "unlock-request", String.valueOf(id), refused);
            throw refused;
        }
    }

    /**
     * An approved request's one-time response, for its assistant only.
     *
     * @param response the unblock response; never in {@link #toString()}
     */
    public record Response(UnlockRequest request, String response) {
        @Override
        public String toString() {
            return "Response[request=" + request.id() + ", response=(hidden)]";
        }
    }

    /** Requests waiting for customer service, oldest first. */
    public List<UnlockRequest> pending() {
        return jdbc.query("SELECT " + COLUMNS + " FROM unlock_request WHERE state = 'PENDING' ORDER BY requested_at LIMIT 500",
                UnlockRequests::map);
    }

    /**
     * Customer service approves or rejects a pending request.
     *
     * @throws Refusal 404 {@code unknown-request}; 409 {@code already-decided}; 400 {@code reason-required}
     */
    public UnlockRequest decide(UUID id, boolean approve, String reason, Actor staff) {
        UnlockDecisions.Party party = staff.hasRole(StaffRole.CA_SERVICE) ? UnlockDecisions.Party.CUSTOMER_SERVICE : null;
        return transaction.execute(status -> {
            decide(id, approve, reason, staff.auditName(), party);
            return find(id).orElseThrow();
        });
    }

    private void decide(UUID id, boolean approve, String reason, String actor, UnlockDecisions.Party party) {
        UnlockRequest request = jdbc.query("SELECT " + COLUMNS + " FROM unlock_request WHERE id = ? FOR UPDATE",
                UnlockRequests::map, id)
                .stream().findFirst().orElseThrow(() -> LifecycleRefusal.UNKNOWN_REQUEST.refuse("No unlock request " + id + "."));
        UnlockDecisions.Allowed allowed = UnlockDecisions.decide(request.state(), party,
                approve ? UnlockDecisions.Event.APPROVE : UnlockDecisions.Event.REJECT);
        if (!approve && (reason == null || reason.isBlank())) {
            throw LifecycleRefusal.REASON_REQUIRED.refuse("Say why the unlock is rejected; the employer sees it.");
        }
        jdbc.update("UPDATE unlock_request SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?",
                allowed.target().name(), actor, Timestamp.from(clock.instant()), reason, id);
        UUID application = request.applicationId();
        for (UnlockDecisions.Consequence consequence : allowed.consequences()) {
            switch (consequence) {
                case DELIVER_APPLICATION -> {
                    applications.apply(application, ApplicationEvent.APPROVE_ONLINE, Actor.onBehalfOf(actor), "unlock approved");
                    applications.apply(application, ApplicationEvent.START_PRODUCTION, Actor.onBehalfOf(actor), null);
                    applications.apply(application, ApplicationEvent.COMPLETE_PRODUCTION, Actor.onBehalfOf(actor), "unblock response ready");
                    applications.apply(application, ApplicationEvent.DELIVER_ONLINE, Actor.onBehalfOf(actor),
                            "response for the requesting assistant");
                }
                case DECLINE_APPLICATION -> applications.apply(application, ApplicationEvent.DECLINE_ONLINE, Actor.onBehalfOf(actor),
                        reason);
            }
        }
        audit.record(new AuditEntry(actor, approve ? "unlock.approved" : "unlock.rejected", "token",
                request.tokenSerial(), "request " + id + (approve ? "" : ": " + reason)));
    }

    private CertificateRecord ownValidCertificate(String tokenSerial, Actor actor) {
        Instant now = clock.instant();
        return (tokenSerial == null ? List.<CertificateRecord>of() : certificates.findValidOnToken(tokenSerial)).stream()
                .filter(c -> now.isBefore(c.notAfter()))
                .filter(c -> actsFor(actor, c.uscc().value()))
                .findFirst()
                .orElseThrow(() -> LifecycleRefusal.UNKNOWN_TOKEN.refuse("No valid certificate of your employer is on"
                        + " USB key " + tokenSerial + "."));
    }

    private boolean maySee(Actor actor, UnlockRequest request) {
        return certificates.findBySerial(request.certificateSerial())
                .map(c -> actsFor(actor, c.uscc().value())).orElse(false);
    }

    private static boolean actsFor(Actor actor, String uscc) {
        if (actor instanceof Actor.EmployerAgent agent) {
            return agent.actsFor(uscc);
        }
        return actor.hasRole(StaffRole.CA_SERVICE);
    }

    /** The SHA-256 (64 hex digits) of the secret the requesting assistant made. */
    private static byte[] responseKey(String hex) {
        if (hex == null || !hex.strip().matches("[0-9a-fA-F]{64}")) {
            throw Refusal.invalidFields("the assistant's response key is missing", java.util.Map.of("responseKeyHash",
                    "the SHA-256 (64 hexadecimal digits) of the secret the USB-key assistant made for this request;"
                            + " file the request through the assistant"));
        }
        return java.util.HexFormat.of().parseHex(hex.strip());
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnblockChallenge parse(String text) {
        try {
            return UnblockChallenge.parse(text == null ? "" : text);
        } catch (TokenException e) {
            throw LifecycleRefusal.INVALID_CHALLENGE.refuse("That is not a USB key's unblock challenge: "
                    + e.getMessage());
        }
    }

    private Optional<UnlockRequest> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM unlock_request WHERE id = ?", UnlockRequests::map, id).stream()
                .findFirst();
    }

    private static UnlockRequest map(ResultSet rs, int row) throws SQLException {
        return new UnlockRequest(rs.getObject("id", UUID.class), rs.getString("token_serial"),
                rs.getBigDecimal("certificate_serial").toBigIntegerExact(), rs.getObject("application_id", UUID.class),
                rs.getString("challenge"), UnlockRequest.State.valueOf(rs.getString("state")),
                rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"),
                rs.getString("reason"));
    }
}
