package org.orgcert.server.audit;

import java.time.Instant;

/**
 * An audit entry as stored: numbered, timed and chained to the one before by its hash.
 *
 * @param seq        1, 2, 3 … without gaps
 * @param occurredAt when it was recorded (UTC)
 * @param entry      what happened
 * @param prevHash   the hash of record {@code seq - 1} (32 zero bytes for the first)
 * @param hash       SHA-256 over prevHash and this record's fields
 */
public record AuditRecord(long seq, Instant occurredAt, AuditEntry entry, byte[] prevHash, byte[] hash) {
}
