package org.orgcert.server.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two HMAC-SHA256 values of the audit log, under the key of {@link AuditKeys} that the database never sees:
 *
 * <ul>
 *   <li>a record's MAC, given by its writer in the inserting transaction, over its id, time and fields: only the
 *       service can write a record the chainer will adopt, and a copy under another id does not verify;</li>
 *   <li>a link's hash, given by the chainer, over the hash of the link before, the record's number, its id, time
 *       and fields: whoever edits or removes a record cannot re-hash the links after it. It covers the record's
 *       content itself rather than its MAC, so that checking a chained record costs one HMAC, not two.</li>
 * </ul>
 *
 * Each value starts with its own label, so a record's MAC can never pass for a link's hash. Fields are
 * length-prefixed, so no two different records encode the same. Not thread-safe: one per thread.
 */
final class AuditMac {
    private static final byte[] RECORD = "orgcert audit record v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINK = "orgcert audit link v1".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    /** Reused for every value: the message is fed to the MAC in one call, without building arrays per field. */
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);

    AuditMac(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MAC of record {@code id}. */
    byte[] record(long id, Instant occurredAt, AuditEntry entry) {
        buffer.clear();
        bytes(RECORD);
        buffer.putLong(id);
        content(occurredAt, entry);
        return mac();
    }

    /** The hash of link {@code seq}, which chains record {@code recordId}. */
    byte[] link(byte[] prevHash, long seq, long recordId, Instant occurredAt, AuditEntry entry) {
        buffer.clear();
        bytes(LINK);
        bytes(prevHash);
        buffer.putLong(seq);
        buffer.putLong(recordId);
        content(occurredAt, entry);
        return mac();
    }

    /** Whether {@code actual} is {@code expected}, in time that does not depend on where they differ. */
    static boolean same(byte[] expected, byte[] actual) {
        return actual != null && MessageDigest.isEqual(expected, actual);
    }

    private void content(Instant occurredAt, AuditEntry entry) {
        buffer.putLong(occurredAt.getEpochSecond());
        buffer.putLong(occurredAt.getNano());
        text(entry.actor());
        text(entry.action());
        text(entry.subjectType());
        text(entry.subjectId());
        text(entry.detail());
    }

    private void bytes(byte[] value) {
        buffer.putInt(value.length);
        buffer.put(value);
    }

    private void text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length + 4 > buffer.remaining()) {
            // A long detail: the fields so far go to the MAC, and the rest follows in further updates.
            mac.update(buffer.array(), 0, buffer.position());
            buffer.clear();
            buffer.putInt(utf8.length);
            mac.update(buffer.array(), 0, 4);
            mac.update(utf8);
            buffer.clear();
            return;
        }
        bytes(utf8);
    }

    private byte[] mac() {
        mac.update(buffer.array(), 0, buffer.position());
        return mac.doFinal();
    }
}
