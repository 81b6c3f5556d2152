package org.orgcert.server.audit;

import java.time.Instant;

/**
 * An audit entry as stored: timed, and once chained also numbered and linked to the one before by its hash.
 *
 * @param id         the insertion id (order of insertion, not of commit)
 * @param seq        1, 2, 3 … without gaps in chain order; 0 while the record waits for the chainer
 * @param occurredAt when it was recorded (UTC)
 * @param entry      what happened
 * @param prevHash   the hash of link {@code seq - 1} (32 zero bytes for the first); null while unchained
 * @param hash       its link's keyed hash (HMAC-SHA256 over prevHash, seq, id and the record's MAC); null while unchained
 */
public record AuditRecord(long id, long seq, Instant occurredAt, AuditEntry entry, byte[] prevHash, byte[] hash) {

    /** Whether the chainer has numbered and hashed this record yet. */
    public boolean chained() {
        return seq != 0;
    }
}
