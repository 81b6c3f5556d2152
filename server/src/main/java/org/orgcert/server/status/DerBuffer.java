package org.orgcert.server.status;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Collects one DER structure in an array of exactly its size: the outer header, written first, says how long
 * the whole is, so the array is allocated once and never grown or copied. A million-entry CRL (43 MB) then
 * needs 43 MB of heap, not the 64 MB buffer and 43 MB copy of a {@link ByteArrayOutputStream}. Anything
 * that does not start with a definite-length header is collected the ordinary way.
 */
final class DerBuffer extends OutputStream {
    private final byte[] header = new byte[6];
    private int headerLength;
    private byte[] bytes;
    private int count;
    private ByteArrayOutputStream fallback;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        while (length > 0 && bytes == null && fallback == null) {
            header[headerLength++] = source[offset++];
            length--;
            size();
        }
        if (length == 0) {
            return;
        }
        if (fallback != null) {
            fallback.write(source, offset, length);
            return;
        }
        if (count + length > bytes.length) {
            throw new IllegalStateException("more bytes than the DER header announced");
        }
        System.arraycopy(source, offset, bytes, count, length);
        count += length;
    }

    /** Allocates the array once the header is complete; falls back on anything unexpected. */
    private void size() {
        if (headerLength < 2) {
            return;
        }
        int first = header[1] & 0xff;
        int lengthOctets = first < 0x80 ? 0 : first & 0x7f;
        if (first == 0x80 || lengthOctets > 4) {
            fallback = new ByteArrayOutputStream();
            fallback.write(header, 0, headerLength);
            return;
        }
        if (headerLength < 2 + lengthOctets) {
            return;
        }
        long content = first < 0x80 ? first : 0;
        for (int i = 0; i < lengthOctets; i++) {
            content = (content << 8) | (header[2 + i] & 0xff);
        }
        long total = headerLength + content;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a DER structure of " + total + " bytes does not fit in an array");
        }
        bytes = new byte[(int) total];
        System.arraycopy(header, 0, bytes, 0, headerLength);
        count = headerLength;
    }

    /** The bytes written: the array itself when the structure is complete. */
    byte[] toByteArray() {
        if (fallback != null) {
            return fallback.toByteArray();
        }
        if (bytes == null) {
            return Arrays.copyOf(header, headerLength);
        }
        return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
    }
}
