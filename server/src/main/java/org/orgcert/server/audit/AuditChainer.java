package org.orgcert.server.audit;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit records into the chain, in id order, after their transactions commit: each gets the
 * next number and a link whose hash is keyed ({@link AuditMac#link}), in {@code audit_link}; the head moves on
 * in {@code audit_chain}. Nothing here updates or deletes a record or a link.
 *
 * <p>Why not in the recording transaction: a chain link needs the hash before it, so chaining inside every
 * transaction would hold one lock from the first audit record to the commit of each state change, and the
 * whole service would commit one transaction at a time. Here a state change only inserts its record; the
 * chainer links records in batches under a transaction-scoped advisory lock, so several nodes on one database
 * still build one gapless chain. It runs right after each commit that recorded something (requests within 20 ms
 * make one pass) and every second as a sweep for records committed by other nodes.
 *
 * <p>Which records are pending: those of transactions at or after the horizon that have no link. The horizon is
 * the oldest transaction still running when a pass began ({@code pg_snapshot_xmin}); every record of an older
 * transaction was committed (or rolled back) before the pass looked, so the pass saw it. A pass therefore reads
 * the newest records only, however long the log.
 *
 * <p>The horizon is in the database, where the service's role may update it: one above every transaction id so
 * far was not written by a pass, is logged as tampering and ignored (the pass looks at every unlinked record).
 * Records kept out of the chain in other ways (the chainer's lock held, a record's transaction id changed) are
 * named by {@link AuditVerifier} once a later record is linked or a checkpoint is younger than they are.
 *
 * <p>A pending record whose MAC does not verify was not written by the service (someone with access to the
 * database inserted or changed it): it is refused, never linked, and named in the log and by
 * {@link AuditVerifier}. What this gives up: a record can be deleted without detection in the moments between
 * its commit and its chaining (normally milliseconds).
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
    private final AuditKeyring keys;
    /** False in a one-shot command: what it records is linked by the service's next sweep. */
    private final boolean background;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-chainer");
        thread.setDaemon(true);
        return thread;
    });

    AuditChainer(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditKeyring keys,
            @Value("${orgcert.command:}") String command) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.keys = keys;
        this.background = command.isBlank();
        if (background) {
            worker.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Asks for a pass in {@value #GATHER_MILLIS} ms; the requests until then make one pass. Without the wait
     * a busy service chained one or two records per pass, and the passes cost a quarter of its database work.
     */
    void request() {
        if (background && requested.compareAndSet(false, true)) {
            worker.schedule(this::sweep, GATHER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Chains everything committed so far; returns how many records it chained. */
    long chainAll() {
        long total = 0;
        Pass pass = new Pass(0, 0, -1, false);
        do {
            Pass previous = pass;
            pass = transaction.execute(status -> chainBatch(previous.lastId(), previous.oldestRunning()));
            total += pass.chained();
        } while (!pass.done());
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

    /**
     * What a batch did: records linked, the last id it looked at, the oldest transaction running when the pass's
     * first batch began, and whether it saw every pending record.
     */
    private record Pass(int chained, long lastId, long oldestRunning, boolean done) {
    }

    /**
     * Links the pending records after {@code afterId}, a batch at most. The first batch of a pass notes the oldest
     * running transaction ({@code oldestRunning} -1 before); the last one makes it the horizon, which is safe
     * because every record of an older transaction was committed before the first batch read.
     */
    private Pass chainBatch(long afterId, long oldestRunning) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", CHAIN_LOCK);
        // After the lock, so that a horizon another node wrote meanwhile is below these.
        long[] snapshot = jdbc.queryForObject("SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
                + " FROM pg_current_snapshot() s", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
        if (oldestRunning < 0) {
            // Before reading what is pending: every transaction older than this one has ended by now.
            oldestRunning = snapshot[0];
        }
        Head head = jdbc.queryForObject("SELECT records, head_hash, horizon FROM audit_chain",
                (rs, i) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3)));
        boolean tampered = head.horizon() > snapshot[1];
        if (tampered) {
            // No pass ever wrote a horizon beyond the next transaction id: someone who may update audit_chain set it
            // to keep records out of the chain (and then delete them). Look at every unlinked record instead.
            LOG.error("AUDIT CHAIN TAMPERED: the chain's horizon {} is above every transaction id so far ({}): it was"
                    + " not set by this service; chaining every record left out, run ./orgcert audit-verify",
                    head.horizon(), snapshot[1]);
            head = new Head(head.records(), head.hash(), 0);
        }
        List<Pending> pending = jdbc.query("SELECT r.id, r.occurred_at, r.actor, r.action, r.subject_type,"
                + " r.subject_id, r.detail, r.mac FROM audit_record r WHERE r.txid >= ? AND r.id > ?"
                + " AND NOT EXISTS (SELECT 1 FROM audit_link l WHERE l.record_id = r.id) ORDER BY r.id LIMIT ?",
                (rs, i) -> new Pending(rs.getLong(1), rs.getTimestamp(2).toInstant(), new AuditEntry(rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)), rs.getBytes(8)),
                head.horizon(), afterId, BATCH);
        boolean done = pending.size() < BATCH;
        AuditMac mac = keys.mac();
        long seq = head.records();
        byte[] prev = head.hash();
        List<Object[]> links = new ArrayList<>(pending.size());
        List<Long> refused = new ArrayList<>();
        for (Pending record : pending) {
            if (!AuditMac.same(mac.record(record.id(), record.occurredAt(), record.entry()), record.mac())) {
                refused.add(record.id());
                continue;
            }
            seq++;
            byte[] hash = mac.link(prev, seq, record.id(), record.occurredAt(), record.entry());
            links.add(new Object[] {seq, record.id(), prev, hash});
            prev = hash;
        }
        if (!refused.isEmpty()) {
            LOG.error("audit records {} were not written by this service (their MAC does not verify): not chained;"
                    + " someone with access to the database inserted or changed them", refused);
        }
        if (!links.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_link (seq, record_id, prev_hash, hash) VALUES (?, ?, ?, ?)", links);
        }
        // The horizon moves only once nothing older is pending: refused records stay behind it, outside the chain.
        long horizon = done ? Math.max(head.horizon(), oldestRunning) : head.horizon();
        // An idle pass writes nothing (each write would move the horizon again), unless the horizon was tampered with.
        if (!pending.isEmpty() || tampered) {
            jdbc.update("UPDATE audit_chain SET records = ?, head_hash = ?, horizon = ?", seq, prev, horizon);
        }
        return new Pass(links.size(), pending.isEmpty() ? afterId : pending.get(pending.size() - 1).id(),
                oldestRunning, done);
    }

    private record Head(long records, byte[] hash, long horizon) {
    }

    private record Pending(long id, Instant occurredAt, AuditEntry entry, byte[] mac) {
    }

    /** Records still unchained at shutdown are chained by the first sweep after the next start. */
    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
