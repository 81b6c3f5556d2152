package org.orgcert.server.audit;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers and hashes committed audit records, in id order, after their transactions commit.
 *
 * <p>Why not in the recording transaction: a chain link needs the hash before it, so chaining inside every
 * transaction would hold one lock from the first audit record to the commit of each state change, and the
 * whole service would commit one transaction at a time. Here a state change only inserts its record; the
 * chainer links records in batches under a transaction-scoped advisory lock, so several nodes on one database
 * still build one gapless chain. It runs right after each commit that recorded something (requests coalesce
 * into one pass) and every second as a sweep for records committed by other nodes.
 *
 * <p>What this gives up: a record can be changed or deleted without detection in the moments between its
 * commit and its chaining (normally milliseconds). {@link AuditLog#verify} chains what is pending first.
 */
@Component
class AuditChainer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditChainer.class);
    /** An arbitrary application-wide key for the advisory lock that orders chaining. */
    private static final long CHAIN_LOCK = 0x4f7267436572741L;
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-chainer");
        thread.setDaemon(true);
        return thread;
    });

    AuditChainer(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        worker.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** Asks for a pass soon; many requests before the pass starts make one pass. */
    void request() {
        if (requested.compareAndSet(false, true)) {
            worker.execute(this::sweep);
        }
    }

    /** Chains everything committed so far; returns how many records it chained. */
    long chainAll() {
        long total = 0;
        int chained;
        do {
            chained = transaction.execute(status -> chainBatch());
            total += chained;
        } while (chained == BATCH);
        return total;
    }

    private void sweep() {
        requested.set(false);
        try {
            chainAll();
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the next sweep retries, nothing is lost.
            LOG.warn("audit chaining failed, retrying within a second: {}", e.getMessage());
        }
    }

    private int chainBatch() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", CHAIN_LOCK);
        List<AuditRecord> head = jdbc.query("SELECT seq, hash FROM audit_record WHERE seq IS NOT NULL"
                + " ORDER BY seq DESC LIMIT 1", (rs, i) -> new AuditRecord(0, rs.getLong(1), null, null, null,
                        rs.getBytes(2)));
        long seq = head.isEmpty() ? 0 : head.get(0).seq();
        byte[] prev = head.isEmpty() ? AuditHash.GENESIS : head.get(0).hash();
        List<AuditRecord> pending = jdbc.query("SELECT * FROM audit_record WHERE seq IS NULL ORDER BY id LIMIT ?",
                AuditLog::map, BATCH);
        List<Object[]> links = new ArrayList<>(pending.size());
        for (AuditRecord record : pending) {
            seq++;
            byte[] hash = AuditHash.of(prev, seq, record.occurredAt(), record.entry());
            links.add(new Object[] {seq, prev, hash, record.id()});
            prev = hash;
        }
        jdbc.batchUpdate("UPDATE audit_record SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?", links);
        return pending.size();
    }

    /** Records still unchained at shutdown are chained by the first sweep after the next start. */
    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
