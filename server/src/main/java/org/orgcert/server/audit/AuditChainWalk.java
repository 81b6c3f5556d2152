package org.orgcert.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orgcert.server.audit.AuditVerification.BrokenLink;

/**
 * Checks links one after another, in chain order, from a point known to be good (the start of the chain or a
 * checkpoint): numbers without gaps, each link following the one before, and each link's keyed hash, which covers
 * the record's content. Links made before records had MACs (the unkeyed SHA-256 of {@link AuditHash}) are accepted
 * only at the start of the chain, before the first keyed one. Collects what does not verify and goes on, so that
 * one edit does not hide another.
 */
final class AuditChainWalk {
    /** The columns {@link #accept} reads, from {@code audit_link l LEFT JOIN audit_record r}. */
    static final String COLUMNS = "l.seq, l.record_id, l.prev_hash, l.hash, r.id AS found_id, r.occurred_at,"
            + " r.actor, r.action, r.subject_type, r.subject_id, r.detail, r.mac";

    private final AuditMac mac;
    private final long watchedSeq;
    private long seq;
    private byte[] prev;
    private boolean unkeyedAllowed;
    private byte[] watchedHash;
    private final List<BrokenLink> broken = new ArrayList<>();
    private long brokenCount;

    /**
     * @param mac            the audit key's MAC
     * @param seq            the number of the last good link (0: the start)
     * @param hash           its hash ({@link AuditHash#GENESIS} at the start)
     * @param unkeyedAllowed whether that link and all before it are unkeyed ones, so that more may follow
     * @param watchedSeq     a link whose hash {@link #watchedHash} returns (a checkpoint's)
     */
    AuditChainWalk(AuditMac mac, long seq, byte[] hash, boolean unkeyedAllowed, long watchedSeq) {
        this.mac = mac;
        this.seq = seq;
        this.prev = hash;
        this.unkeyedAllowed = unkeyedAllowed;
        this.watchedSeq = watchedSeq;
        this.watchedHash = watchedSeq == seq ? hash : null;
    }

    /** Checks the link on the current row of {@code rs} ({@link #COLUMNS}), which must be the next in order. */
    void accept(ResultSet rs) throws SQLException {
        long linkSeq = rs.getLong("seq");
        long recordId = rs.getLong("record_id");
        byte[] linkPrev = rs.getBytes("prev_hash");
        byte[] linkHash = rs.getBytes("hash");
        boolean afterGap = linkSeq != seq + 1;
        if (afterGap) {
            fail(seq + 1, 0, linkSeq == seq + 2 ? "record " + (seq + 1) + " is missing"
                    : "records " + (seq + 1) + " to " + (linkSeq - 1) + " are missing");
        }
        String problem = null;
        if (rs.getObject("found_id") == null) {
            problem = "its record is missing";
        } else {
            Instant occurredAt = rs.getTimestamp("occurred_at").toInstant();
            AuditEntry entry = new AuditEntry(rs.getString("actor"), rs.getString("action"),
                    rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("detail"));
            byte[] recordMac = rs.getBytes("mac");
            if (!afterGap && !Arrays.equals(linkPrev, prev)) {
                problem = "does not follow the record before it";
            } else if (recordMac == null) {
                if (!unkeyedAllowed) {
                    problem = "has no MAC: it was not written by the service";
                } else if (!AuditMac.same(AuditHash.of(linkPrev, linkSeq, occurredAt, entry), linkHash)) {
                    problem = "its content was changed after it was written";
                }
            } else {
                unkeyedAllowed = false;
                // One HMAC while all is well: the link's covers the record's content. The record's own MAC only
                // tells which of the two was changed.
                if (!AuditMac.same(mac.link(linkPrev, linkSeq, recordId, occurredAt, entry), linkHash)) {
                    problem = AuditMac.same(mac.record(recordId, occurredAt, entry), recordMac)
                            ? "its link was not made by the service" : "its content was changed after it was written";
                }
            }
        }
        if (problem != null) {
            fail(linkSeq, recordId, problem);
        }
        seq = linkSeq;
        prev = linkHash;
        if (linkSeq == watchedSeq) {
            watchedHash = linkHash;
        }
    }

    private void fail(long at, long recordId, String reason) {
        brokenCount++;
        if (broken.size() < AuditVerification.NAMED) {
            broken.add(new BrokenLink(at, recordId, reason));
        }
    }

    /** The number of the last link seen. */
    long seq() {
        return seq;
    }

    /** The hash of the last link seen. */
    byte[] hash() {
        return prev;
    }

    /** The hash stored in the watched link; null when the walk did not reach it. */
    byte[] watchedHash() {
        return watchedHash;
    }

    List<BrokenLink> broken() {
        return broken;
    }

    long brokenCount() {
        return brokenCount;
    }
}
