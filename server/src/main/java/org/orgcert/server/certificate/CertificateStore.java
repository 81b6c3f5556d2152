package org.orgcert.server.certificate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.RevokedEntry;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.ocsp.CertificateStatus;
import org.orgcert.pki.ocsp.StatusSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The certificate store: the only code that reads or writes the {@code certificate} table.
 *
 * <p>Issuance records through {@link #record}, {@link #lockForSigning} and {@link #markSigned}, each inside
 * its own transaction (together with its audit record); everyone else reads. Revocation is
 * {@link CertificateRevocation}.
 */
@Service
public class CertificateStore {
    /** Rows per round trip when CRLs stream revoked certificates through a cursor. */
    static final int CURSOR_FETCH_SIZE = 1000;
    private static final String COLUMNS = "serial, application_id, ca, uscc, employer_name, algorithm, profile,"
            + " not_before, not_after, status, tbs, der, token_serial, created_at, revoked_at, revocation_reason,"
            + " predecessor_serial, first_of_employer, signed_at, replaces_predecessor, on_key_at";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final Clock clock;

    public CertificateStore(JdbcTemplate jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        // PostgreSQL only streams with a fetch size inside a transaction (autocommit off); see withRevoked.
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(CURSOR_FETCH_SIZE);
    }

    /**
     * Records a prepared certificate as ISSUING, unless the application already has a certificate.
     * UNIQUE(application_id) decides between racing producers: exactly one insert wins.
     *
     * @return the application's certificate row, and whether this call created it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded record(NewCertificate certificate) {
        var prepared = certificate.prepared();
        BigDecimal predecessor = certificate.predecessor() == null ? null : new BigDecimal(certificate.predecessor());
        // "First" (R-FEE-1 a, b): no earlier certificate of this USCC, or inherited from the predecessor.
        int inserted = jdbc.update("INSERT INTO certificate (serial, application_id, ca, uscc, employer_name,"
                + " algorithm, profile, not_before, not_after, status, tbs, token_serial, created_at,"
                + " predecessor_serial, first_of_employer)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUING', ?, ?, ?, ?, CASE WHEN ?::numeric IS NULL"
                + " THEN NOT EXISTS (SELECT 1 FROM certificate WHERE uscc = ?)"
                + " ELSE (SELECT first_of_employer FROM certificate WHERE serial = ?::numeric) END)"
                + " ON CONFLICT (application_id) DO NOTHING",
                new BigDecimal(prepared.serial()), certificate.applicationId(), certificate.ca(),
                certificate.uscc().value(), certificate.employerName(), certificate.algorithm(), prepared.profileId(),
                Timestamp.from(prepared.notBefore()), Timestamp.from(prepared.notAfter()), prepared.tbs(),
                certificate.tokenSerial(), Timestamp.from(clock.instant()), predecessor, predecessor,
                certificate.uscc().value(), predecessor);
        CertificateRecord row = findByApplication(certificate.applicationId()).orElseThrow();
        return new Recorded(row, inserted == 1);
    }

    /**
     * The result of {@link #record}.
     *
     * @param certificate the application's row (this call's, or the one recorded before)
     * @param created     whether this call inserted it
     */
    public record Recorded(CertificateRecord certificate, boolean created) {
    }

    /**
     * Locks the application's row until the caller's transaction ends, so only one caller signs a
     * recorded TBS (a second signer waits, then sees VALID).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CertificateRecord> lockForSigning(UUID applicationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE application_id = ? FOR UPDATE",
                CertificateStore::map, applicationId).stream().findFirst();
    }

    /** Stores the signed DER of an ISSUING row (compare-and-set ISSUING → VALID). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markSigned(BigInteger serial, byte[] der) {
        int updated = jdbc.update("UPDATE certificate SET status = 'VALID', der = ?, signed_at = ?"
                + " WHERE serial = ? AND status = 'ISSUING'", der, Timestamp.from(clock.instant()),
                new BigDecimal(serial));
        if (updated != 1) {
            throw new IllegalStateException("certificate " + serial.toString(16) + " is not ISSUING");
        }
    }

    /**
     * Marks a recorded successor as replacing its predecessor (an information change, R-FEE-1 c): the
     * predecessor then ends when the successor is on the key or the grace period is over
     * ({@link CertificateTransitions}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markReplacing(BigInteger successor) {
        jdbc.update("UPDATE certificate SET replaces_predecessor = true WHERE serial = ? AND predecessor_serial IS NOT NULL",
                new BigDecimal(successor));
    }

    /** Records that the employer's assistant wrote the certificate to the key (first confirmation only). */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean markOnKey(BigInteger serial) {
        return jdbc.update("UPDATE certificate SET on_key_at = ? WHERE serial = ? AND on_key_at IS NULL",
                Timestamp.from(clock.instant()), new BigDecimal(serial)) == 1;
    }

    /** Locks the certificate's row until the caller's transaction ends, so its transitions happen one at a time. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<CertificateRecord> lock(BigInteger serial) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE serial = ? FOR UPDATE", CertificateStore::map,
                new BigDecimal(serial)).stream().findFirst();
    }

    /**
     * VALID certificates replaced by a signed, still valid successor that was not confirmed on the key and was
     * signed before {@code signedBefore}: their grace period is over.
     */
    public List<CertificateRecord> findReplacedSince(Instant signedBefore) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate p WHERE status = 'VALID' AND EXISTS (SELECT 1"
                + " FROM certificate s WHERE s.predecessor_serial = p.serial AND s.replaces_predecessor"
                + " AND s.on_key_at IS NULL AND s.status = 'VALID' AND s.signed_at < ?) ORDER BY serial LIMIT 500",
                CertificateStore::map,
                Timestamp.from(signedBefore));
    }

    /** How many certificates were signed in each month (Kunming time, {@code YYYY-MM}) since {@code since}. */
    public java.util.Map<String, Long> signedPerMonth(Instant since) {
        java.util.Map<String, Long> counted = new java.util.HashMap<>();
        jdbc.query("SELECT to_char(signed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), count(*) FROM certificate"
                + " WHERE signed_at >= ? GROUP BY 1", rs -> {
                    counted.put(rs.getString(1), rs.getLong(2));
                }, java.sql.Timestamp.from(since));
        return counted;
    }

    /** The certificate with {@code serial}, of any CA. */
    public Optional<CertificateRecord> findBySerial(BigInteger serial) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE serial = ?", CertificateStore::map,
                new BigDecimal(serial)).stream().findFirst();
    }

    /** The certificate produced for an application, if any. */
    public Optional<CertificateRecord> findByApplication(UUID applicationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE application_id = ?", CertificateStore::map,
                applicationId).stream().findFirst();
    }

    /** An employer's certificates, newest first. */
    public List<CertificateRecord> findByUscc(Uscc uscc) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE uscc = ? ORDER BY created_at DESC",
                CertificateStore::map, uscc.value());
    }

    /** The certificate that renews or replaces {@code serial} (at most one), if any. */
    public Optional<CertificateRecord> findSuccessor(BigInteger serial) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE predecessor_serial = ?", CertificateStore::map,
                new BigDecimal(serial)).stream().findFirst();
    }

    /** The VALID certificates whose key is on USB key {@code tokenSerial}, newest first. */
    public List<CertificateRecord> findValidOnToken(String tokenSerial) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE token_serial = ? AND status = 'VALID'"
                + " ORDER BY not_after DESC", CertificateStore::map, tokenSerial);
    }

    /** VALID certificates without a successor whose validity ends in [{@code from}, {@code to}). */
    public List<CertificateRecord> findExpiringBetween(Instant from, Instant to) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate c WHERE status = 'VALID' AND not_after >= ?"
                + " AND not_after < ? AND NOT EXISTS (SELECT 1 FROM certificate s WHERE s.predecessor_serial = c.serial)"
                + " ORDER BY not_after", CertificateStore::map, Timestamp.from(from), Timestamp.from(to));
    }

    /**
     * What an OCSP responder for CA {@code ca} says about {@code serial}: good, revoked (time, reason), or
     * unknown for serials this CA never issued or has not signed yet.
     */
    public CertificateStatus status(String ca, BigInteger serial) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE serial = ? AND ca = ?",
                CertificateStore::map, new BigDecimal(serial), ca).stream().findFirst()
                .map(row -> row.state().status(row)).orElse(CertificateStatus.UNKNOWN);
    }

    /** {@link #status} as the {@link StatusSource} of CA {@code ca}'s OCSP responder. */
    public StatusSource statusSource(String ca) {
        return serial -> status(ca, serial);
    }

    /**
     * Streams CA {@code ca}'s revoked certificates, sorted by serial, through a database cursor (fetch size
     * {@value #CURSOR_FETCH_SIZE}, autocommit off inside this read-only transaction) into {@code writer},
     * so a CRL of a million entries never holds them in memory.
     *
     * @param since only entries revoked at or after this instant (a delta CRL), or {@code null} for all
     */
    @Transactional(readOnly = true)
    public <T> T withRevoked(String ca, Instant since, Function<Iterator<RevokedEntry>, T> writer) {
        String sql = "SELECT serial, revoked_at, revocation_reason FROM certificate WHERE ca = ? AND status = 'REVOKED'"
                + (since == null ? "" : " AND revoked_at >= ?") + " ORDER BY serial";
        Object[] args = since == null ? new Object[] {ca} : new Object[] {ca, Timestamp.from(since)};
        try (Stream<RevokedEntry> rows = cursor.queryForStream(sql, (rs, i) -> new RevokedEntry(
                rs.getBigDecimal(1).toBigIntegerExact(), rs.getTimestamp(2).toInstant(),
                RevocationReason.of(rs.getInt(3))), args)) {
            return writer.apply(rows.iterator());
        }
    }

    /** When CA {@code ca} last revoked a certificate, if ever (CRLs older than that are stale). */
    public Optional<Instant> lastRevocation(String ca) {
        Timestamp last = jdbc.queryForObject(
                "SELECT max(revoked_at) FROM certificate WHERE ca = ? AND status = 'REVOKED'", Timestamp.class, ca);
        return Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    static CertificateRecord map(ResultSet rs, int row) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        int reason = rs.getInt("revocation_reason");
        boolean hasReason = !rs.wasNull();
        java.math.BigDecimal predecessor = rs.getBigDecimal("predecessor_serial");
        return new CertificateRecord(rs.getBigDecimal("serial").toBigIntegerExact(),
                rs.getObject("application_id", UUID.class), rs.getString("ca"), new Uscc(rs.getString("uscc")),
                rs.getString("employer_name"), rs.getString("algorithm"), rs.getString("profile"),
                rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                CertificateState.valueOf(rs.getString("status")), rs.getBytes("tbs"), rs.getBytes("der"),
                rs.getString("token_serial"), rs.getTimestamp("created_at").toInstant(),
                revokedAt == null ? null : revokedAt.toInstant(), hasReason ? RevocationReason.of(reason) : null,
                predecessor == null ? null : predecessor.toBigIntegerExact(), rs.getBoolean("first_of_employer"),
                instant(rs.getTimestamp("signed_at")), rs.getBoolean("replaces_predecessor"),
                instant(rs.getTimestamp("on_key_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
