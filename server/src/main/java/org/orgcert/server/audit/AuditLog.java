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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only, hash-chained audit log. Every state change in the service calls {@link #record}
 * inside the same transaction as the change, so a change and its audit record commit or roll back
 * together (invariant "nothing is ever lost"). Records are numbered and hashed into the chain by
 * {@link AuditChainer} once committed, so appends never wait for each other.
 */
@Service
public class AuditLog {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditChainer chainer;

    AuditLog(JdbcTemplate jdbc, Clock clock, AuditChainer chainer) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.chainer = chainer;
    }

    /** Appends {@code entry}; must run inside the caller's transaction (it joins it, or starts one). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEntry entry) {
        // Microseconds: what PostgreSQL's timestamptz keeps, so the hash verifies after a round trip.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.update("INSERT INTO audit_record (occurred_at, actor, action, subject_type, subject_id, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)", Timestamp.from(now), entry.actor(), entry.action(),
                entry.subjectType(), entry.subjectId(), entry.detail());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    chainer.request();
                }
            });
        }
    }

    /** The records about one subject, oldest first, chained or not yet. */
    public List<AuditRecord> history(String subjectType, String subjectId) {
        return jdbc.query("SELECT * FROM audit_record WHERE subject_type = ? AND subject_id = ? ORDER BY id",
                AuditLog::map, subjectType, subjectId);
    }

    /**
     * Checks the whole chain: numbering without gaps, each record's prevHash equal to the hash before it,
     * each hash equal to what its fields give. Chains what is committed but still pending first. Reads in
     * pages, so a long log needs little memory.
     */
    public AuditVerification verify() {
        chainer.chainAll();
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

    static AuditRecord map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditRecord(rs.getLong("id"), rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(),
                new AuditEntry(rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), rs.getString("detail")),
                rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }
}
