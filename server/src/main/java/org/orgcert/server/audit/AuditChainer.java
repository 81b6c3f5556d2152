package org.orgcert.server.audit;

import jakarta.annotation.PreDestroy;
import java.sql.PreparedStatement;
import java.util.HexFormat;
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
 * still build one gapless chain. It runs right after each commit that recorded something (requests within 20 ms
 * make one pass) and every second as a sweep for records committed by other nodes.
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
    private static final long GATHER_MILLIS = 20;

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

    /**
     * Asks for a pass in {@value #GATHER_MILLIS} ms; the requests until then make one pass. Without the wait
     * a busy service chained one or two records per pass, and the passes cost a quarter of its database work.
     */
    void request() {
        if (requested.compareAndSet(false, true)) {
            worker.schedule(this::sweep, GATHER_MILLIS, TimeUnit.MILLISECONDS);
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
        int n = pending.size();
        Long[] ids = new Long[n];
        Long[] seqs = new Long[n];
        String[] prevs = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRecord record = pending.get(i);
            seq++;
            byte[] hash = AuditHash.of(prev, seq, record.occurredAt(), record.entry());
            ids[i] = record.id();
            seqs[i] = seq;
            prevs[i] = HexFormat.of().formatHex(prev);
            hashes[i] = HexFormat.of().formatHex(hash);
            prev = hash;
        }
        if (n > 0) {
            // One statement for the whole batch rather than one per record. The service's database role may
            // not UPDATE audit records: audit_link (V120) fills in records not yet chained, and nothing else.
            jdbc.query(connection -> {
                PreparedStatement update = connection.prepareStatement(
                        "SELECT audit_link(?::bigint[], ?::bigint[], ?::text[], ?::text[])");
                update.setArray(1, connection.createArrayOf("bigint", ids));
                update.setArray(2, connection.createArrayOf("bigint", seqs));
                update.setArray(3, connection.createArrayOf("text", prevs));
                update.setArray(4, connection.createArrayOf("text", hashes));
                return update;
            }, rs -> { });
        }
        return pending.size();
    }

    /** Records still unchained at shutdown are chained by the first sweep after the next start. */
    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
