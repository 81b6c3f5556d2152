package org.orgcert.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The unkeyed hash that chained audit records before V110: SHA-256 over the previous hash and every field, each
 * field length-prefixed so that no two different records encode the same. Links made this way are accepted only
 * at the start of the chain, before the first keyed link ({@link AuditMac}), which binds them all through its
 * previous hash. Migration V110 computes the same encoding in SQL for the records it chains.
 */
final class AuditHash {
    static final byte[] GENESIS = new byte[32];

    private AuditHash() {
    }

    static byte[] of(byte[] prevHash, long seq, Instant occurredAt, AuditEntry entry) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(prevHash);
            out.writeLong(seq);
            out.writeLong(occurredAt.getEpochSecond());
            out.writeInt(occurredAt.getNano());
            for (String field : new String[] {entry.actor(), entry.action(), entry.subjectType(), entry.subjectId(),
                entry.detail()}) {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
