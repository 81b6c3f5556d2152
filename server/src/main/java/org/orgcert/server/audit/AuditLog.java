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
 * together (invariant "nothing is ever lost"). Each record carries a MAC under a key the database never sees
 * ({@link AuditMac}); records are linked into the chain by {@link AuditChainer} once committed, so appends never
 * wait for each other, and {@link AuditCheckpointer} anchors the chain's head outside the database.
 */
@Service
public class AuditLog {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditChainer chainer;
    private final AuditKeyring keys;
    private final AuditVerifier verifier;

    AuditLog(JdbcTemplate jdbc, Clock clock, AuditChainer chainer, AuditKeyring keys, AuditVerifier verifier) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.chainer = chainer;
        this.keys = keys;
        this.verifier = verifier;
    }

    /** Appends {@code entry}; must run inside the caller's transaction (it joins it, or starts one). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEntry entry) {
        // Microseconds: what PostgreSQL's timestamptz keeps, so the MAC verifies after a round trip.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // The id first: the MAC covers it, so a copy of this record under another id is not accepted.
        long id = jdbc.queryForObject("SELECT nextval('audit_record_id_seq')", Long.class);
        jdbc.update("INSERT INTO audit_record (id, occurred_at, actor, action, subject_type, subject_id, detail, mac)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, Timestamp.from(now), entry.actor(), entry.action(),
                entry.subjectType(), entry.subjectId(), entry.detail(), keys.mac().record(id, now, entry));
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
        return jdbc.query("SELECT r.*, l.seq, l.prev_hash, l.hash FROM audit_record r"
                + " LEFT JOIN audit_link l ON l.record_id = r.id"
                + " WHERE r.subject_type = ? AND r.subject_id = ? ORDER BY r.id", AuditLog::map, subjectType, subjectId);
    }

    /**
     * Chains what is committed but still pending, then checks the whole log ({@link AuditVerifier#verify}): every
     * link, every record's MAC, no record left outside the chain, and the head against the last checkpoint.
     */
    public AuditVerification verify() {
        chainer.chainAll();
        return verifier.verify();
    }

    static AuditRecord map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditRecord(rs.getLong("id"), rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(),
                new AuditEntry(rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), rs.getString("detail")),
                rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }
}
