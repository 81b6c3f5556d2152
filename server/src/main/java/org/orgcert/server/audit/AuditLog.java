package org.orgcert.server.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, hash-chained audit log. Every state change in the service calls {@link #record}
 * inside the same transaction as the change, so a change and its audit record commit or roll back
 * together (invariant "nothing is ever lost").
 *
 * <p>Appends are serialised by a transaction-scoped advisory lock, so records are numbered without gaps
 * even with several nodes on one database; the lock is held only until the caller's transaction ends.
 */
@Service
public class AuditLog {
    /** An arbitrary application-wide key for the advisory lock that orders appends. */
    private static final long APPEND_LOCK = 0x4f7267436572741L;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends {@code entry}; must run inside the caller's transaction (it joins it, or starts one). */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditRecord record(AuditEntry entry) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", APPEND_LOCK);
        List<AuditRecord> last = jdbc.query("SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1",
                (rs, i) -> new AuditRecord(rs.getLong(1), null, null, null, rs.getBytes(2)));
        long seq = last.isEmpty() ? 1 : last.get(0).seq() + 1;
        byte[] prev = last.isEmpty() ? AuditHash.GENESIS : last.get(0).hash();
        // Microseconds: what PostgreSQL's timestamptz keeps, so the hash verifies after a round trip.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] hash = AuditHash.of(prev, seq, now, entry);
        jdbc.update("INSERT INTO audit_record (seq, occurred_at, actor, action, subject_type, subject_id, detail,"
                + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, Timestamp.from(now), entry.actor(),
                entry.action(), entry.subjectType(), entry.subjectId(), entry.detail(), prev, hash);
        return new AuditRecord(seq, now, entry, prev, hash);
    }

    /** The records about one subject, oldest first. */
    public List<AuditRecord> history(String subjectType, String subjectId) {
        return jdbc.query("SELECT * FROM audit_record WHERE subject_type = ? AND subject_id = ? ORDER BY seq",
                AuditLog::map, subjectType, subjectId);
    }

    /**
     * Checks the whole chain: numbering without gaps, each record's prevHash equal to the hash before it,
     * each hash equal to what its fields give. Reads in pages, so a long log needs little memory.
     */
    @Transactional(readOnly = true)
    public AuditVerification verify() {
        byte[] expectedPrev = AuditHash.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AuditRecord> page = jdbc.query("SELECT * FROM audit_record WHERE seq >= ? ORDER BY seq LIMIT 1000",
                    AuditLog::map, expectedSeq);
            if (page.isEmpty()) {
                return new AuditVerification.Intact(checked);
            }
            for (AuditRecord record : page) {
                if (record.seq() != expectedSeq) {
                    return new AuditVerification.Broken(expectedSeq, "record " + expectedSeq + " is missing");
                }
                if (!java.util.Arrays.equals(record.prevHash(), expectedPrev)) {
                    return new AuditVerification.Broken(record.seq(), "does not follow the record before it");
                }
                byte[] actual = AuditHash.of(record.prevHash(), record.seq(), record.occurredAt(), record.entry());
                if (!java.security.MessageDigest.isEqual(actual, record.hash())) {
                    return new AuditVerification.Broken(record.seq(), "its content was changed after it was written");
                }
                expectedPrev = record.hash();
                expectedSeq++;
                checked++;
            }
        }
    }

    private static AuditRecord map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditRecord(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(),
                new AuditEntry(rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), rs.getString("detail")),
                rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }
}
