package org.orgcert.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 *   <li>a link's hash, given by the chainer, over the hash of the link before, the record's number, its id and
 *       its MAC: whoever edits or removes a record cannot re-hash the links after it.</li>
 * </ul>
 *
 * Each value starts with its own label, so a record's MAC can never pass for a link's hash. Fields are
 * length-prefixed, so no two different records encode the same. Not thread-safe: one per thread or call.
 */
final class AuditMac {
    private static final byte[] RECORD = "orgcert audit record v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINK = "orgcert audit link v1".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;

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
        Encoder out = new Encoder();
        out.bytes(RECORD);
        out.number(id);
        out.number(occurredAt.getEpochSecond());
        out.number(occurredAt.getNano());
        for (String field : new String[] {entry.actor(), entry.action(), entry.subjectType(), entry.subjectId(),
            entry.detail()}) {
            out.text(field);
        }
        return mac.doFinal(out.toByteArray());
    }

    /** The hash of link {@code seq}, which chains record {@code recordId} (whose MAC is {@code recordMac}). */
    byte[] link(byte[] prevHash, long seq, long recordId, byte[] recordMac) {
        Encoder out = new Encoder();
        out.bytes(LINK);
        out.bytes(prevHash);
        out.number(seq);
        out.number(recordId);
        out.bytes(recordMac);
        return mac.doFinal(out.toByteArray());
    }

    /** Whether {@code actual} is {@code expected}, in time that does not depend on where they differ. */
    static boolean same(byte[] expected, byte[] actual) {
        return actual != null && MessageDigest.isEqual(expected, actual);
    }

    /** Length-prefixed fields. */
    private static final class Encoder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        void bytes(byte[] value) {
            try {
                out.writeInt(value.length);
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void number(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void text(String value) {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
