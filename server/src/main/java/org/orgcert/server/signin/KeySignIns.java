package org.orgcert.server.signin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The sign-ins with the key (table {@code key_signin}): recorded, looked up, and ended. */
@Repository
class KeySignIns {
    /** Why a sign-in ended. */
    enum EndReason {
        /** The employer's assistant reported the key gone. */
        KEY_REMOVED,
        /** The certificate was revoked. */
        CERTIFICATE_REVOKED,
        /** The platform's authorization request was refused after the key's answer, or the employer declined it. */
        NOT_AUTHORIZED
    }

    private static final String COLUMNS = "id, uscc, employer_name, ca, serial, not_after, hardware_key, client_id, created_at";

    /** A running sign-in whose certificate is valid now. */
    private static final String ACTIVE = "SELECT " + COLUMNS.replaceAll("(\\w+)", "k.$1") + " FROM key_signin k"
            + " JOIN certificate c ON c.serial = k.serial AND c.ca = k.ca WHERE k.id = ? AND k.ended_at IS NULL"
            + " AND c.status = 'VALID' AND c.not_after > ?";

    /** An active sign-in made in a browser, not yet used, and young enough to use. */
    private static final String UNUSED = ACTIVE.replace("k.id = ?", "k.browser_hash = ?")
            + " AND k.authorized_at IS NULL AND k.created_at > ?";

    /**
     * How long after the key's signature a sign-in may still authorize its platform: the way back to it, and the
     * confirmation page of a platform that asks for one, take seconds; an abandoned sign-in is not kept usable.
     */
    static final java.time.Duration USABLE_FOR = java.time.Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    KeySignIns(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records {@code signIn}, made with the presence secret hashed {@code presenceHash} (null: none given) in the browser
     * whose sign-in cookie hashes to {@code browserHash}.
     */
    void record(KeySignIn signIn, String presenceHash, byte[] browserHash) {
        jdbc.update("INSERT INTO key_signin (id, uscc, employer_name, ca, serial, not_after, hardware_key, presence_hash,"
                + " client_id, created_at, browser_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", signIn.id(), signIn.uscc(),
                signIn.employerName(), signIn.ca(), new BigDecimal(new BigInteger(signIn.serialHex(), 16)),
                Timestamp.from(signIn.notAfter()), signIn.hardwareKey(), presenceHash, signIn.platform(),
                Timestamp.from(signIn.at()), browserHash);
    }

    /**
     * The sign-in with {@code id} if it has not ended and its certificate is still valid now. The certificate is read
     * here, not only trusted to the ending that follows a revocation: that runs after the revocation commits (and
     * not at all after a crash), and a sign-in checked just before could commit after it.
     */
    Optional<KeySignIn> findActive(UUID id) {
        return jdbc.query(ACTIVE, KeySignIns::map, id, Timestamp.from(clock.instant())).stream().findFirst();
    }

    /**
     * The sign-in made in the browser whose sign-in cookie hashes to {@code browserHash}, if it is active (as
     * {@link #findActive}), has not yet authorized its platform and is at most {@link #USABLE_FOR} old: what that
     * browser may still use to get a code.
     */
    Optional<KeySignIn> findUnused(byte[] browserHash) {
        java.time.Instant now = clock.instant();
        return jdbc.query(UNUSED, KeySignIns::map, browserHash, Timestamp.from(now), Timestamp.from(now.minus(USABLE_FOR)))
                .stream().findFirst();
    }

    /** Marks the sign-in as having authorized its platform (a code was issued); true the first time. */
    boolean markAuthorized(UUID id) {
        return jdbc.update("UPDATE key_signin SET authorized_at = ? WHERE id = ? AND authorized_at IS NULL",
                Timestamp.from(clock.instant()), id) == 1;
    }

    /**
     * Ends the sign-in {@code id} if it never authorized its platform (a request refused after the key's answer, a
     * confirmation declined): nobody at that browser may use it later; true if it ended it.
     */
    boolean endUnused(UUID id) {
        return jdbc.update("UPDATE key_signin SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL"
                + " AND authorized_at IS NULL", Timestamp.from(clock.instant()), EndReason.NOT_AUTHORIZED.name(), id) == 1;
    }

    /** Ends the running sign-ins whose presence hash is {@code presenceHash}; returns them. */
    List<KeySignIn> endByPresence(String presenceHash) {
        return jdbc.query("UPDATE key_signin SET ended_at = ?, end_reason = ? WHERE presence_hash = ? AND ended_at IS NULL"
                + " RETURNING " + COLUMNS, KeySignIns::map, Timestamp.from(clock.instant()), EndReason.KEY_REMOVED.name(),
                presenceHash);
    }

    /** Ends the running sign-ins made with the certificate {@code serial}; returns them. */
    List<KeySignIn> endBySerial(BigInteger serial) {
        return jdbc.query("UPDATE key_signin SET ended_at = ?, end_reason = ? WHERE serial = ? AND ended_at IS NULL"
                + " RETURNING " + COLUMNS, KeySignIns::map, Timestamp.from(clock.instant()),
                EndReason.CERTIFICATE_REVOKED.name(), new BigDecimal(serial));
    }

    private static KeySignIn map(ResultSet rs, int row) throws SQLException {
        return new KeySignIn(rs.getObject("id", UUID.class), rs.getString("uscc"), rs.getString("employer_name"),
                rs.getString("ca"), rs.getBigDecimal("serial").toBigIntegerExact().toString(16).toUpperCase(java.util.Locale.ROOT),
                rs.getTimestamp("not_after").toInstant(), rs.getBoolean("hardware_key"), rs.getString("client_id"),
                rs.getTimestamp("created_at").toInstant());
    }
}
