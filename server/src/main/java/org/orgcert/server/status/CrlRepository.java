package org.orgcert.server.status;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code crl_number} and {@code crl} tables: each CA's CRL counter and its latest full and delta CRL. */
@Repository
class CrlRepository {
    private final JdbcTemplate jdbc;

    CrlRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The CA's next CRL number, shared by full and delta CRLs, in a transaction of its own that the caller
     * commits before it reads the clock for thisUpdate: numbers never go back and a later CRL always has a
     * larger one (RFC 5280 5.2.3: monotonically increasing), on every node; a CRL that fails after taking its
     * number leaves a gap, which RFC 5280 allows.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    BigInteger nextNumber(String ca) {
        return jdbc.queryForObject("INSERT INTO crl_number (ca, last_number) VALUES (?, 1) ON CONFLICT (ca)"
                + " DO UPDATE SET last_number = crl_number.last_number + 1 RETURNING last_number",
                BigDecimal.class, ca).toBigIntegerExact();
    }

    /**
     * Replaces the CA's latest CRL of that kind signed by the key {@code issuerKeyId} with {@code crl}, unless a
     * newer one is stored.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void save(StoredCrl crl, byte[] issuerKeyId) {
        jdbc.update("INSERT INTO crl (ca, kind, crl_number, base_number, generated_at, this_update, next_update,"
                + " entries, der, issuer_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (ca, issuer_key_id, kind) DO UPDATE SET"
                + " crl_number = EXCLUDED.crl_number, base_number = EXCLUDED.base_number,"
                + " generated_at = EXCLUDED.generated_at, this_update = EXCLUDED.this_update,"
                + " next_update = EXCLUDED.next_update, entries = EXCLUDED.entries, der = EXCLUDED.der"
                + " WHERE crl.crl_number < EXCLUDED.crl_number",
                crl.ca(), kind(crl.delta()), new BigDecimal(crl.number()),
                crl.baseNumber() == null ? null : new BigDecimal(crl.baseNumber()),
                Timestamp.from(crl.generatedAt()), Timestamp.from(crl.thisUpdate()), Timestamp.from(crl.nextUpdate()),
                crl.entries(), crl.der(), issuerKeyId);
    }

    /** The CA's latest CRL of that kind signed by the key {@code issuerKeyId}. */
    Optional<StoredCrl> find(String ca, boolean delta, byte[] issuerKeyId) {
        return jdbc.query("SELECT * FROM crl WHERE ca = ? AND kind = ? AND issuer_key_id = ?", (rs, i) -> {
            BigDecimal base = rs.getBigDecimal("base_number");
            return new StoredCrl(rs.getString("ca"), delta, rs.getBigDecimal("crl_number").toBigIntegerExact(),
                    base == null ? null : base.toBigIntegerExact(), rs.getTimestamp("generated_at").toInstant(),
                    rs.getTimestamp("this_update").toInstant(), rs.getTimestamp("next_update").toInstant(),
                    rs.getLong("entries"), rs.getBytes("der"));
        }, ca, kind(delta), issuerKeyId).stream().findFirst();
    }

    private static String kind(boolean delta) {
        return delta ? "DELTA" : "FULL";
    }
}
