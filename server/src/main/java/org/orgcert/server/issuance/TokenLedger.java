package org.orgcert.server.issuance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account of every USB key taken from stock ({@code token_ledger}): TAKEN before its key pair exists,
 * then USED with the certificate that names it, or DISCARDED with a reason. Each change joins the caller's
 * transaction, which also writes its audit record.
 */
@Component
class TokenLedger {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    TokenLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token taken and not yet used or discarded. */
    record Taken(String tokenSerial, UUID applicationId) {
    }

    /** Writes down that {@code tokenSerial} was taken from stock to produce application {@code applicationId}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void taken(String tokenSerial, UUID applicationId, String actor) {
        jdbc.update("INSERT INTO token_ledger (token_serial, application_id, state, taken_at, taken_by)"
                + " VALUES (?, ?, 'TAKEN', ?, ?)", tokenSerial, applicationId, Timestamp.from(clock.instant()), actor);
    }

    /** TAKEN → USED: the certificate {@code certificateSerial} names the token. */
    @Transactional(propagation = Propagation.MANDATORY)
    void used(String tokenSerial, BigInteger certificateSerial) {
        int updated = jdbc.update("UPDATE token_ledger SET state = 'USED', certificate_serial = ?, ended_at = ?"
                + " WHERE token_serial = ? AND state = 'TAKEN'", new BigDecimal(certificateSerial),
                Timestamp.from(clock.instant()), tokenSerial);
        if (updated != 1) {
            throw new IllegalStateException("token " + tokenSerial + " is not TAKEN in the ledger");
        }
    }

    /**
     * TAKEN → DISCARDED, if the token is still TAKEN.
     *
     * @return false when it is not (already used or discarded), and nothing changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean discarded(String tokenSerial, String reason) {
        return jdbc.update("UPDATE token_ledger SET state = 'DISCARDED', discard_reason = ?, ended_at = ?"
                + " WHERE token_serial = ? AND state = 'TAKEN'", reason, Timestamp.from(clock.instant()),
                tokenSerial) == 1;
    }

    /** Every token still TAKEN, oldest first. */
    List<Taken> open() {
        return jdbc.query("SELECT token_serial, application_id FROM token_ledger WHERE state = 'TAKEN'"
                + " ORDER BY taken_at", (rs, i) -> new Taken(rs.getString(1), rs.getObject(2, UUID.class)));
    }
}
