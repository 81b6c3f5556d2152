package org.orgcert.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking the audit log ({@link AuditVerifier#verify}): intact, broken with what is wrong, or
 * not checkable (exit codes 0, 1 and 2 of {@code ./orgcert audit-verify}).
 */
public sealed interface AuditVerification {
    /** At most this many broken links and forged records are named; the counts say how many there are. */
    int NAMED = 100;

    /**
     * Every link verifies, every record is the service's own and unchanged, and the chain reaches and matches the
     * last checkpoint.
     *
     * @param records        links in the chain
     * @param pending        the service's records committed but not linked yet (normally for milliseconds)
     * @param lastCheckpoint the checkpoint the chain was checked against; empty before the first one
     */
    record Intact(long records, long pending, Optional<AuditCheckpoint> lastCheckpoint) implements AuditVerification {
    }

    /**
     * Something was changed, removed or added behind the service's back.
     *
     * @param records          links in the chain as found
     * @param truncation       the chain does not reach or match the last checkpoint (newest records removed, or
     *                         the chain rewritten), or that checkpoint is not genuine
     * @param brokenLinks      the first {@value #NAMED} links that do not verify, in chain order
     * @param brokenLinkCount  how many links do not verify
     * @param forgedRecordIds  the first {@value #NAMED} ids of records outside the chain that the service did not
     *                         write (no valid MAC: inserted, back-dated or changed in the database)
     * @param forgedRecordCount how many such records there are
     * @param unchainedRecordIds the first {@value #NAMED} ids of records the service wrote that were kept out of
     *                         the chain: still unlinked though a later record is linked or the last checkpoint is
     *                         younger than they are (the chainer's horizon pushed, its lock held, their
     *                         transaction id changed), so that they could be deleted unnoticed
     * @param unchainedRecordCount how many such records there are
     * @param removal          records counted by the last checkpoint are gone (ones removed before they were
     *                         chained): says how many
     */
    record Broken(long records, Optional<Truncation> truncation, List<BrokenLink> brokenLinks, long brokenLinkCount,
            List<Long> forgedRecordIds, long forgedRecordCount, List<Long> unchainedRecordIds,
            long unchainedRecordCount, Optional<String> removal) implements AuditVerification {
        public Broken {
            brokenLinks = List.copyOf(brokenLinks);
            forgedRecordIds = List.copyOf(forgedRecordIds);
            unchainedRecordIds = List.copyOf(unchainedRecordIds);
        }

        /** The number of the first link that does not verify, or where the chain stops short; 0 for none. */
        public long firstBrokenSeq() {
            if (!brokenLinks.isEmpty()) {
                return brokenLinks.get(0).seq();
            }
            // Records removed: the first missing one; the chain rewritten: the checkpointed head, no longer the same.
            return truncation.map(t -> t.records() < t.checkpointRecords() ? t.records() + 1 : t.checkpointRecords())
                    .orElse(0L);
        }

        /** One line for people: what is wrong, the first of each kind. */
        public String summary() {
            StringBuilder text = new StringBuilder();
            truncation.ifPresent(t -> text.append(t.reason()).append("; "));
            removal.ifPresent(reason -> text.append(reason).append("; "));
            if (!brokenLinks.isEmpty()) {
                BrokenLink first = brokenLinks.get(0);
                text.append(brokenLinkCount).append(" broken link(s), the first record ").append(first.seq())
                        .append(": ").append(first.reason()).append("; ");
            }
            if (forgedRecordCount > 0) {
                text.append(forgedRecordCount).append(" record(s) not written by the service, ids ")
                        .append(forgedRecordIds).append("; ");
            }
            if (unchainedRecordCount > 0) {
                text.append(unchainedRecordCount).append(" record(s) written by the service but never chained (kept")
                        .append(" out of the chain, to be deleted unnoticed), ids ").append(unchainedRecordIds)
                        .append("; ");
            }
            return text.substring(0, Math.max(0, text.length() - 2));
        }
    }

    /**
     * The log could not be checked (the database or the audit keys cannot be read): says nothing about its state.
     */
    record Unverifiable(String reason) implements AuditVerification {
    }

    /**
     * The chain against the last checkpoint.
     *
     * @param checkpointRecords the links the checkpoint counted
     * @param checkpointAt      when it was made
     * @param records           the links found
     * @param reason            what does not match
     */
    record Truncation(long checkpointRecords, Instant checkpointAt, long records, String reason) {
    }

    /**
     * A link that does not verify.
     *
     * @param seq      its number in the chain
     * @param recordId the record it links (0 when the link itself is missing)
     * @param reason   what is wrong with it
     */
    record BrokenLink(long seq, long recordId, String reason) {
    }
}
