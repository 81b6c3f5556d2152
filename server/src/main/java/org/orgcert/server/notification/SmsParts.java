package org.orgcert.server.notification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text travels as SMS: always UCS2 (data_coding 0x08, UTF-16BE; our texts are Chinese), one message of up
 * to 70 characters, else parts of 67 characters each behind a 6-byte concatenation header (UDH: IEI 0x00, an
 * 8-bit reference, the number of parts and the part's number), at most {@link #MAX_PARTS} parts. A character
 * outside the BMP counts two and is never split between parts.
 */
public final class SmsParts {
    /** Characters (UTF-16 units) in one message without a header. */
    public static final int SINGLE = 70;
    /** Characters in each part of a concatenated message. */
    public static final int PER_PART = 67;
    /** The most parts one message may take (the bureau's texts are held to {@code TEXT_LIMIT_PARTS}). */
    public static final int MAX_PARTS = 255;

    private SmsParts() {
    }

    /** How many SMS the text takes. */
    public static int count(String text) {
        return split(text).size();
    }

    /** The text cut into the pieces that go into each SMS (one piece when it fits in one). */
    public static List<String> split(String text) {
        if (text.length() <= SINGLE) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + PER_PART, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }

    /**
     * The short_message bytes of each SMS: the UCS2 text, behind the concatenation header when there are several.
     *
     * @param reference the concatenation reference shared by the parts of this message
     * @throws IllegalArgumentException when the text needs more than {@link #MAX_PARTS} parts
     */
    public static List<byte[]> encode(String text, int reference) {
        List<String> pieces = split(text);
        if (pieces.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a text of " + text.length() + " characters needs more than "
                    + MAX_PARTS + " SMS");
        }
        if (pieces.size() == 1) {
            return List.of(text.getBytes(StandardCharsets.UTF_16BE));
        }
        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            byte[] body = pieces.get(i).getBytes(StandardCharsets.UTF_16BE);
            byte[] message = new byte[6 + body.length];
            message[0] = 0x05;
            message[1] = 0x00;
            message[2] = 0x03;
            message[3] = (byte) reference;
            message[4] = (byte) pieces.size();
            message[5] = (byte) (i + 1);
            System.arraycopy(body, 0, message, 6, body.length);
            encoded.add(message);
        }
        return encoded;
    }
}
