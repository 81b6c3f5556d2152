package org.orgcert.server.signin;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues sign-in challenges and hands each out for checking once. A challenge lives two minutes: long enough for
 * the employer to type the PIN into the assistant, short enough that a signed answer cannot be kept for later.
 */
@Service
class SignInChallenges {
    static final Duration VALIDITY = Duration.ofMinutes(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SignInChallenges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A new challenge for {@code platform}, asked from a page of {@code origin}, for the certificate whose SHA-256
     * is {@code certificate}. Its commit is not waited for on disk: a challenge lost in a crash only makes the
     * employer try again, and a sign-in is not worth an fsync before it has even started.
     */
    @Transactional
    public SignInChallenge issue(String platform, String origin, String certificate) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        Instant now = clock.instant();
        SignInChallenge challenge = new SignInChallenge(platform, origin,
                Base64.getUrlEncoder().withoutPadding().encodeToString(random), now, certificate);
        jdbc.execute("SET LOCAL synchronous_commit TO off");
        jdbc.update("INSERT INTO signin_challenge (nonce, client_id, origin, certificate, text, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", challenge.nonce(), platform, origin, certificate, challenge.text(),
                Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)));
        return challenge;
    }

    /**
     * The challenge with {@code nonce}, marked used, if it is unused and unexpired: a second answer to it finds
     * nothing. Runs in the caller's transaction, so a refused answer (rolled back) leaves it usable only if the
     * caller commits the refusal separately; the verifier consumes it before checking anything else.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<SignInChallenge> consume(String nonce) {
        Instant now = clock.instant();
        List<SignInChallenge> found = jdbc.query("UPDATE signin_challenge SET used_at = ? WHERE nonce = ?"
                + " AND used_at IS NULL AND expires_at > ? RETURNING client_id, origin, nonce, created_at, certificate",
                (rs, i) -> new SignInChallenge(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)),
                Timestamp.from(now), nonce, Timestamp.from(now));
        return found.stream().findFirst();
    }

    /** Drops challenges expired an hour ago (used or not): they can no longer be answered. */
    public void sweep() {
        jdbc.update("DELETE FROM signin_challenge WHERE expires_at < ?",
                Timestamp.from(clock.instant().minus(Duration.ofHours(1))));
    }
}
