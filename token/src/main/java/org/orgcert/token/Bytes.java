package org.orgcert.token;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** Length-prefixed fields for token files: a writer, and a reader that turns every shortfall into MALFORMED. */
final class Bytes {
    private Bytes() {
    }

    /** Appends big-endian fields. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer u32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Writer bytes(byte[] value) {
            u32(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        Writer text(String value) {
            return bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads what a {@link Writer} wrote, from untrusted bytes. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes, int offset, int length) {
            this.in = ByteBuffer.wrap(bytes, offset, length);
        }

        int u8() {
            need(1);
            return in.get() & 0xff;
        }

        int u32() {
            need(4);
            return in.getInt();
        }

        /** An int in {@code [min, max]}. */
        int u32(int min, int max, String what) {
            int value = u32();
            if (value < min || value > max) {
                throw malformed(what + " is out of range");
            }
            return value;
        }

        /** One byte in {@code [0, max]}. */
        int u8Max(int max, String what) {
            int value = u8();
            if (value > max) {
                throw malformed(what + " is out of range");
            }
            return value;
        }

        byte[] bytes(int max, String what) {
            int length = u32();
            if (length < 0 || length > max) {
                throw malformed(what + " has an impossible length");
            }
            need(length);
            byte[] value = new byte[length];
            in.get(value);
            return value;
        }

        /** A field of exactly {@code length} bytes (or empty when {@code emptyAllowed}). */
        byte[] fixed(int length, boolean emptyAllowed, String what) {
            byte[] value = bytes(length, what);
            if (value.length != length && !(emptyAllowed && value.length == 0)) {
                throw malformed(what + " has the wrong length");
            }
            return value;
        }

        String text(int maxBytes, String what) {
            byte[] value = bytes(maxBytes, what);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            } catch (CharacterCodingException e) {
                throw malformed(what + " is not UTF-8 text");
            }
        }

        void end() {
            if (in.hasRemaining()) {
                throw malformed("there are " + in.remaining() + " unexpected bytes at the end");
            }
        }

        private void need(int count) {
            if (in.remaining() < count) {
                throw malformed("the data ends too early");
            }
        }
    }

    static TokenException malformed(String detail) {
        return new TokenException(TokenException.Kind.MALFORMED, "The token file is damaged: " + detail + ".");
    }
}
