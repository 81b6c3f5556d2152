package org.orgcert.server.account;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.privacy.PersonalDataCipher;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Employer agents sign in with their mobile number and a one-time code sent by SMS through the
 * notification outbox. Codes: 6 digits, valid 5 minutes, at most 5 tries, kept only as a keyed HMAC. The agent
 * acts for every employer whose legal representative or contact has that number
 * ({@link EmployerDirectory#findByMobile}).
 *
 * <p>Limits, so that a stranger can neither flood a number with SMS nor use up its allowance quickly: every
 * request counts first against its client address and the whole service ({@link CodeRequestLimits}); while the
 * number's last code is still valid (not used, not expired, even if its tries are used up) no new code is sent
 * and the request is answered as if one were; the number's own allowance, 10 a day, counts only codes actually
 * sent. A stranger thus gets at most one code a 5 minutes sent to a number. A browser that signed in with the
 * number before proves it with its signed-in cookie ({@link #signedInProof}, a keyed HMAC of the number): its
 * requests skip the client and global limits and draw on an allowance of their own (10 a day), so a stranger
 * who uses up the number's allowance for unknown browsers does not lock out the employer's own.
 *
 * <p>A number that belongs to no employer is answered like any other (no SMS is sent), so the endpoint
 * does not tell which numbers are registered.
 */
@Service
class EmployerLogin {
    static final Duration VALIDITY = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_PER_DAY = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final EmployerDirectory employers;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final CodeRequestLimits limits;

    EmployerLogin(JdbcTemplate jdbc, PersonalDataCipher cipher, EmployerDirectory employers,
            Notifications notifications, AuditLog audit, Clock clock, CodeRequestLimits limits) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.employers = employers;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a sign-in attempt gave: the agent, or why not (the wrong try is counted either way). */
    sealed interface Outcome {
        record SignedIn(MobileNumber mobile, Actor.EmployerAgent agent, List<EmployerView> employers) implements Outcome {
        }

        record Refused(AccountRefusal code, String detail) implements Outcome {
        }
    }

    /**
     * Sends a new code to {@code mobile} if it belongs to an employer and its last code is no longer valid.
     *
     * @param client the requesting client's address, for {@link CodeRequestLimits}
     * @throws Refusal 429 {@code code-requests-limited} after too many requests from {@code client} or from
     *         everyone; 429 {@code code-rate-limited} after 10 codes sent to the number today
     */
    @Transactional
    public void sendCode(MobileNumber mobile, String client, String signedInCookie) {
        boolean proven = signedInCookie != null && MessageDigest.isEqual(
                signedInCookie.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                signedInProof(mobile).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!proven) {
            limits.admit(client);
        }
        byte[] index = mobileIndex(mobile);
        // One number's requests in turn, so two at once cannot both pass the limits.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(encode(?, 'hex'), 7))", index);
        Instant now = clock.instant();
        if (jdbc.queryForObject("SELECT count(*) FROM employer_login_code WHERE mobile_index = ? AND used_at IS NULL"
                + " AND expires_at > ?", Long.class, index, Timestamp.from(now)) > 0) {
            // The same answer as a sent code (the SMS sent earlier still works), whoever asks: no new SMS.
            audit.record(new AuditEntry("employer-agent:" + mobile.masked(), "employer-agent.code-requested",
                    "mobile", mobile.masked(), "the last code is still valid: nothing sent"));
            return;
        }
        if (count(index, now.minus(Duration.ofDays(1)), proven) >= MAX_PER_DAY) {
            throw AccountRefusal.CODE_RATE_LIMITED.refuse("at most " + MAX_PER_DAY
                    + " codes a day are sent to one number; try again tomorrow");
        }
        UUID id = UUID.randomUUID();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        // Earlier codes of this number stop working: only the newest is valid.
        jdbc.update("UPDATE employer_login_code SET used_at = ? WHERE mobile_index = ? AND used_at IS NULL",
                Timestamp.from(now), index);
        jdbc.update("INSERT INTO employer_login_code (id, mobile_index, code_hash, created_at, expires_at, proven)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, index, codeHash(id, code), Timestamp.from(now),
                Timestamp.from(now.plus(VALIDITY)), proven);
        boolean known = !employers.findByMobile(mobile).isEmpty();
        if (known) {
            // Signed like the bureau's other texts (renewal reminders): an agent knows who writes.
            notifications.sendSms(mobile, "【昆明就业】您的用人单位数字证书登录验证码：" + code + "，5分钟内有效。请勿告诉他人。");
        }
        audit.record(new AuditEntry("employer-agent:" + mobile.masked(), "employer-agent.code-requested",
                "mobile", mobile.masked(), known ? "code sent by SMS" : "no employer has this number: nothing sent"));
    }

    /** Checks a code; a wrong one is counted and committed, a right one used up. */
    @Transactional
    public Outcome signIn(MobileNumber mobile, String code) {
        byte[] index = mobileIndex(mobile);
        Instant now = clock.instant();
        var rows = jdbc.queryForList("SELECT id, code_hash, expires_at, attempts FROM employer_login_code"
                + " WHERE mobile_index = ? AND used_at IS NULL ORDER BY created_at DESC LIMIT 1 FOR UPDATE", index);
        if (rows.isEmpty()) {
            return new Outcome.Refused(AccountRefusal.CODE_INVALID, "no code is waiting for this number; ask for a new one");
        }
        var row = rows.get(0);
        UUID id = (UUID) row.get("id");
        if (!now.isBefore(((Timestamp) row.get("expires_at")).toInstant())) {
            return new Outcome.Refused(AccountRefusal.CODE_EXPIRED, "the code has expired (valid 5 minutes); ask for a new one");
        }
        int attempts = ((Number) row.get("attempts")).intValue();
        if (attempts >= MAX_ATTEMPTS) {
            return new Outcome.Refused(AccountRefusal.CODE_ATTEMPTS_EXHAUSTED, "the code was entered wrongly " + MAX_ATTEMPTS
                    + " times; ask for a new one");
        }
        boolean right = code != null && code.matches("\\d{6}")
                && MessageDigest.isEqual(codeHash(id, code), (byte[]) row.get("code_hash"));
        if (!right) {
            jdbc.update("UPDATE employer_login_code SET attempts = attempts + 1 WHERE id = ?", id);
            int left = MAX_ATTEMPTS - attempts - 1;
            return new Outcome.Refused(left == 0 ? AccountRefusal.CODE_ATTEMPTS_EXHAUSTED : AccountRefusal.CODE_INVALID,
                    "the code is wrong; " + left + " tries left");
        }
        List<EmployerView> found = employers.findByMobile(mobile);
        if (found.isEmpty()) {
            return new Outcome.Refused(AccountRefusal.CODE_INVALID, "no employer has this number");
        }
        jdbc.update("UPDATE employer_login_code SET used_at = ? WHERE id = ?", Timestamp.from(now), id);
        Actor.EmployerAgent agent = new Actor.EmployerAgent(mobile.masked(),
                found.stream().map(EmployerView::id).collect(Collectors.toSet()),
                found.stream().map(e -> e.uscc().value()).collect(Collectors.toSet()));
        audit.record(new AuditEntry(agent.auditName(), "employer-agent.signed-in", "mobile", mobile.masked(),
                "acting for " + found.stream().map(e -> e.uscc().value()).sorted().toList()));
        return new Outcome.SignedIn(mobile, agent, found);
    }

    /** Codes sent to the number since {@code since}, to signed-in browsers or to others. */
    private long count(byte[] index, Instant since, boolean proven) {
        return jdbc.queryForObject("SELECT count(*) FROM employer_login_code WHERE mobile_index = ? AND created_at > ?"
                + " AND proven = ?", Long.class, index, Timestamp.from(since), proven);
    }

    /**
     * The value of the cookie a browser gets when it signs in with {@code mobile}: a keyed HMAC of the number
     * (the personal-data key), which only the service can make, so holding it proves an earlier sign-in.
     */
    String signedInProof(MobileNumber mobile) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(cipher.blindIndex("login-signed-in", mobile.value()));
    }

    private byte[] mobileIndex(MobileNumber mobile) {
        return cipher.blindIndex("login-mobile", mobile.value());
    }

    private byte[] codeHash(UUID id, String code) {
        return cipher.blindIndex("login-code", id + ":" + code);
    }
}
