package org.orgcert.server.audit;

import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.orgcert.server.audit.AuditVerification.Truncation;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the audit log as it stands, without changing anything (so it can run beside a live service, with a
 * role that only reads): every link ({@link AuditChainWalk}); every record outside the chain, each either the
 * service's own and waiting to be linked, the service's own but kept out of the chain (unlinked below a linked
 * one or older than the last checkpoint, and still so a moment later), or not written by the service (forged);
 * and the log against the last checkpoint outside the database, which is what catches the newest records removed,
 * the chain rewritten from some point on, or records removed before they were chained (fewer than it counted).
 */
@Component
public class AuditVerifier {
    private static final int PAGE = 10_000;
    /** How long a running service takes at most to chain a committed record (its sweep runs every second). */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final AuditKeyring keys;
    private final AuditCheckpointFile checkpoints;

    AuditVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditKeyring keys,
            AuditCheckpointFile checkpoints) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.snapshot = new TransactionTemplate(transactions);
        // One snapshot for the whole check: records and links committed meanwhile are neither half-seen nor
        // mistaken for removed ones.
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** Checks the whole log: intact, broken (naming what and where), or not checkable (saying why). */
    public AuditVerification verify() {
        Optional<AuditCheckpoint> last;
        AuditMac mac;
        PublicKey publicKey;
        try {
            // The checkpoint before the snapshot: the snapshot then holds at least every link it counts.
            last = checkpoints.last();
            mac = keys.mac();
            publicKey = keys.publicKey();
        } catch (IllegalStateException | UncheckedIOException e) {
            return new AuditVerification.Unverifiable(e.getMessage());
        }
        try {
            Findings found = snapshot.execute(status -> check(last, mac, publicKey));
            if (!found.unchained().isEmpty()) {
                found = found.excusing(linkedSince(found.unchained()));
            }
            return found.verdict(last);
        } catch (DataAccessException e) {
            return new AuditVerification.Unverifiable("cannot read the audit log from the database: "
                    + e.getMostSpecificCause().getMessage());
        }
    }

    /**
     * Of {@code ids}, those linked a moment later. A record whose long transaction began before a later record's
     * (or before the last checkpoint) and committed just now is still unlinked for the moment the running service
     * takes to chain it; one kept out of the chain is still unlinked after that moment (or gone).
     */
    private Set<Long> linkedSince(List<Long> ids) {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("SELECT record_id FROM audit_link WHERE record_id = ANY (?)",
                Long.class, (Object) ids.toArray(Long[]::new)));
    }

    private Findings check(Optional<AuditCheckpoint> last, AuditMac mac, PublicKey publicKey) {
        long watched = last.map(AuditCheckpoint::records).orElse(-1L);
        AuditChainWalk walk = new AuditChainWalk(mac, 0, AuditHash.GENESIS, true, watched);
        walkOn(walk);

        // Links are made in id order among the records the chainer sees: an unlinked record below the highest
        // linked id, or older than the last checkpoint, was kept from the chainer (its horizon pushed, its lock
        // held, the record's transaction id changed) so that it could be deleted without a trace.
        long highestLinked = jdbc.queryForObject("SELECT COALESCE(max(record_id), 0) FROM audit_link", Long.class);
        Instant checkpointed = last.map(AuditCheckpoint::at).orElse(Instant.MIN);
        long[] pending = {0};
        long[] forgedCount = {0};
        List<Long> forged = new ArrayList<>();
        List<Long> unchained = new ArrayList<>();
        jdbc.query("SELECT r.id, r.occurred_at, r.actor, r.action, r.subject_type, r.subject_id, r.detail, r.mac"
                + " FROM audit_record r WHERE NOT EXISTS (SELECT 1 FROM audit_link l WHERE l.record_id = r.id)"
                + " ORDER BY r.id", (ResultSet rs) -> {
                    long id = rs.getLong("id");
                    Instant occurredAt = rs.getTimestamp("occurred_at").toInstant();
                    AuditEntry entry = new AuditEntry(rs.getString("actor"), rs.getString("action"),
                            rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("detail"));
                    if (!AuditMac.same(mac.record(id, occurredAt, entry), rs.getBytes("mac"))) {
                        forgedCount[0]++;
                        if (forged.size() < AuditVerification.NAMED) {
                            forged.add(id);
                        }
                    } else if (id < highestLinked || occurredAt.isBefore(checkpointed)) {
                        unchained.add(id);
                    } else {
                        pending[0]++;
                    }
                });

        Optional<Truncation> truncation = last.flatMap(checkpoint -> against(checkpoint, walk, publicKey));
        Optional<String> removal = last.flatMap(this::removedSince);
        return new Findings(walk, pending[0], forged, forgedCount[0], unchained, truncation, removal);
    }

    /** What one look at the log found; {@link #verdict} tells intact from broken. */
    private record Findings(AuditChainWalk walk, long pending, List<Long> forged, long forgedCount,
            List<Long> unchained, Optional<Truncation> truncation, Optional<String> removal) {
        /** The same, with the {@code linked} ones of the unchained records counted as pending instead. */
        Findings excusing(Set<Long> linked) {
            List<Long> still = unchained.stream().filter(id -> !linked.contains(id)).toList();
            return new Findings(walk, pending + unchained.size() - still.size(), forged, forgedCount, still,
                    truncation, removal);
        }

        AuditVerification verdict(Optional<AuditCheckpoint> last) {
            if (truncation.isEmpty() && removal.isEmpty() && walk.brokenCount() == 0 && forgedCount == 0
                    && unchained.isEmpty()) {
                return new AuditVerification.Intact(walk.seq(), pending, last);
            }
            return new AuditVerification.Broken(walk.seq(), truncation, walk.broken(), walk.brokenCount(), forged,
                    forgedCount, unchained.subList(0, Math.min(unchained.size(), AuditVerification.NAMED)),
                    unchained.size(), removal);
        }
    }

    /**
     * Records are never deleted: fewer records up to the checkpoint's highest id than it counted means some were
     * removed (ones not chained yet; removed chained ones also break the chain).
     */
    private Optional<String> removedSince(AuditCheckpoint checkpoint) {
        if (!checkpoint.countsRecords()) {
            return Optional.empty();
        }
        long remaining = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE id <= ?", Long.class,
                checkpoint.highestId());
        if (remaining >= checkpoint.count()) {
            return Optional.empty();
        }
        return Optional.of("the checkpoint of " + checkpoint.at() + " counted " + checkpoint.count()
                + " records up to id " + checkpoint.highestId() + " but " + remaining + " remain: "
                + (checkpoint.count() - remaining) + " record(s) were removed");
    }

    /** Walks every link after the walk's current one, a page at a time. */
    private void walkOn(AuditChainWalk walk) {
        int[] rows = new int[1];
        do {
            rows[0] = 0;
            jdbc.query("SELECT " + AuditChainWalk.COLUMNS + " FROM audit_link l"
                    + " LEFT JOIN audit_record r ON r.id = l.record_id WHERE l.seq > ? ORDER BY l.seq LIMIT ?",
                    (ResultSet rs) -> {
                        rows[0]++;
                        walk.accept(rs);
                    }, walk.seq(), PAGE);
        } while (rows[0] == PAGE);
    }

    /**
     * The chain's head now, checked from {@code last} on: the links after it verify, and the link it counted is
     * still the one it names. What {@link AuditCheckpointer} signs next; {@code problem} says why not.
     */
    Extension extending(Optional<AuditCheckpoint> last) {
        long seq = last.map(AuditCheckpoint::records).orElse(0L);
        byte[] hash = last.map(AuditCheckpoint::headHash).orElse(AuditHash.GENESIS);
        boolean unkeyed = true;
        if (last.isPresent()) {
            AuditCheckpoint checkpoint = last.get();
            if (!checkpoint.signedBy(keys.publicKey())) {
                return Extension.refused("the last checkpoint in " + checkpoints.path()
                        + " is not signed by the audit key");
            }
            if (seq > 0) {
                List<Object[]> link = jdbc.query("SELECT l.hash, r.mac IS NULL FROM audit_link l"
                        + " LEFT JOIN audit_record r ON r.id = l.record_id WHERE l.seq = ?",
                        (rs, i) -> new Object[] {rs.getBytes(1), rs.getBoolean(2)}, seq);
                if (link.isEmpty()) {
                    return Extension.refused("record " + seq + ", counted by the checkpoint of " + checkpoint.at()
                            + ", is gone: the newest records were removed");
                }
                if (!AuditMac.same(hash, (byte[]) link.get(0)[0])) {
                    return Extension.refused("record " + seq + " is not the one checkpointed at " + checkpoint.at()
                            + ": the chain was rewritten");
                }
                unkeyed = (Boolean) link.get(0)[1];
            }
        }
        Optional<String> removal = last.flatMap(this::removedSince);
        if (removal.isPresent()) {
            return Extension.refused(removal.get());
        }
        // Counted before the walk: a record committed meanwhile is counted by the next checkpoint.
        long[] counted = jdbc.queryForObject("SELECT COALESCE(max(id), 0), count(*) FROM audit_record",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
        AuditChainWalk walk = new AuditChainWalk(keys.mac(), seq, hash, unkeyed, -1);
        walkOn(walk);
        if (walk.brokenCount() > 0) {
            AuditVerification.BrokenLink first = walk.broken().get(0);
            return Extension.refused("record " + first.seq() + " " + first.reason());
        }
        return new Extension(walk.seq(), walk.hash(), counted[0], counted[1], null);
    }

    /** The head and the record count to checkpoint, or why there is none. */
    record Extension(long records, byte[] headHash, long highestId, long count, String problem) {
        static Extension refused(String problem) {
            return new Extension(0, null, 0, 0, problem);
        }
    }

    /** What is wrong between the chain as walked and {@code checkpoint}, if anything. */
    private Optional<Truncation> against(AuditCheckpoint checkpoint, AuditChainWalk walk, PublicKey publicKey) {
        String problem = null;
        if (!checkpoint.signedBy(publicKey)) {
            problem = "the last checkpoint in " + checkpoints.path() + " is not signed by the audit key";
        } else if (walk.seq() < checkpoint.records()) {
            problem = "the chain ends at record " + walk.seq() + " but the checkpoint of " + checkpoint.at()
                    + " counted " + checkpoint.records() + ": the newest records were removed";
        } else if (!AuditMac.same(checkpoint.headHash(), walk.watchedHash())) {
            problem = "record " + checkpoint.records() + " is not the one checkpointed at " + checkpoint.at()
                    + ": the chain was rewritten";
        }
        return Optional.ofNullable(problem).map(reason -> new Truncation(checkpoint.records(), checkpoint.at(),
                walk.seq(), reason));
    }
}
