package org.orgcert.token;

import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a few bytes into text a person can read over the phone and type back: Crockford's Base32 (digits and
 * upper-case letters without I, L, O, U), groups of four joined by hyphens, and a two-byte checksum so a
 * typo is reported as a typo rather than as a wrong code. Decoding ignores case, spaces and hyphens and reads
 * O as 0 and I or L as 1, the confusions people make.
 */
final class Base32Code {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int GROUP = 4;
    private static final int CHECK_BYTES = 2;

    private Base32Code() {
    }

    /** The text for {@code payload}; {@code kind} keeps a challenge from passing as a response. */
    static String encode(String kind, byte[] payload) {
        byte[] all = Arrays.copyOf(payload, payload.length + CHECK_BYTES);
        System.arraycopy(check(kind, payload), 0, all, payload.length, CHECK_BYTES);
        StringBuilder text = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (byte b : all) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                written = append(text, ALPHABET.charAt((buffer >>> (bits - 5)) & 31), written);
                bits -= 5;
            }
        }
        if (bits > 0) {
            append(text, ALPHABET.charAt((buffer << (5 - bits)) & 31), written);
        }
        return text.toString();
    }

    private static int append(StringBuilder text, char c, int written) {
        if (written > 0 && written % GROUP == 0) {
            text.append('-');
        }
        text.append(c);
        return written + 1;
    }

    /**
     * The payload of {@code payloadBytes} bytes encoded in {@code text}.
     *
     * @throws TokenException MALFORMED for wrong characters, length or checksum
     */
    static byte[] decode(String kind, String text, int payloadBytes) {
        String what = "The " + kind;
        if (text == null || text.length() > 200) {
            throw malformed(what + " is missing or far too long.");
        }
        StringBuilder clean = new StringBuilder();
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char mapped = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
            if (ALPHABET.indexOf(mapped) < 0) {
                throw malformed(what + " contains a character that is not a letter or digit of the code.");
            }
            clean.append(mapped);
        }
        int totalBytes = payloadBytes + CHECK_BYTES;
        int chars = (totalBytes * 8 + 4) / 5;
        if (clean.length() != chars) {
            throw malformed(what + " must have " + chars + " letters and digits; this has " + clean.length()
                    + ".");
        }
        byte[] all = new byte[totalBytes];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < clean.length(); i++) {
            buffer = (buffer << 5) | ALPHABET.indexOf(clean.charAt(i));
            bits += 5;
            if (bits >= 8) {
                all[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
            buffer &= (1 << bits) - 1;
        }
        if (buffer != 0) {
            throw malformed(what + " looks mistyped (check the last group).");
        }
        byte[] payload = Arrays.copyOf(all, payloadBytes);
        byte[] expected = check(kind, payload);
        if (all[payloadBytes] != expected[0] || all[payloadBytes + 1] != expected[1]) {
            throw malformed(what + " looks mistyped; please read it again.");
        }
        return payload;
    }

    private static byte[] check(String kind, byte[] payload) {
        return Crypto.sha256(Crypto.utf8("orgcert-" + kind), payload);
    }

    private static TokenException malformed(String message) {
        return new TokenException(TokenException.Kind.MALFORMED, message);
    }
}
