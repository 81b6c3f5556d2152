package org.orgcert.key.local;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A form the assistant's own page posts ({@code application/x-www-form-urlencoded}), decoded straight into char
 * arrays so a PIN never becomes a {@code String}, and wiped by {@link #close()}. Unknown or repeated fields are
 * refused; errors never quote the body.
 */
final class FormFields implements AutoCloseable {
    private final Map<String, char[]> values;

    private FormFields(Map<String, char[]> values) {
        this.values = values;
    }

    /** Reads {@code body}, which may only hold fields named in {@code allowed}. */
    static FormFields read(byte[] body, Set<String> allowed) {
        Map<String, char[]> values = new HashMap<>();
        try {
            int start = 0;
            while (start < body.length) {
                int end = indexOf(body, (byte) '&', start, body.length);
                int equals = indexOf(body, (byte) '=', start, end);
                if (end > start) {
                    char[] nameChars = decode(body, start, equals);
                    String name = new String(nameChars);
                    char[] value = decode(body, Math.min(equals + 1, end), end);
                    if (!allowed.contains(name)) {
                        Arrays.fill(value, '\0');
                        throw ApiError.badRequest("This form has an unknown field.");
                    }
                    if (values.put(name, value) != null) {
                        throw ApiError.badRequest("A field of this form appears twice.");
                    }
                }
                start = end + 1;
            }
            return new FormFields(values);
        } catch (RuntimeException e) {
            wipe(values);
            throw e;
        }
    }

    /** The field's characters (owned by this object: wiped on close), or null when it is missing or empty. */
    char[] optional(String name) {
        char[] value = values.get(name);
        return value == null || value.length == 0 ? null : value;
    }

    /**
     * The field's characters (owned by this object: wiped on close).
     *
     * @throws ApiError 400 {@code missing-field} when it is missing or empty
     */
    char[] required(String name) {
        char[] value = optional(name);
        if (value == null) {
            throw new ApiError(400, "missing-field", "Field " + name + " is required.");
        }
        return value;
    }

    /** The field as text, for values that are not secrets; {@code ""} when missing. */
    String text(String name) {
        char[] value = values.get(name);
        return value == null ? "" : new String(value);
    }

    @Override
    public void close() {
        wipe(values);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    /** Percent-decodes {@code bytes[from, to)} ({@code +} is a space) and reads the result as UTF-8. */
    private static char[] decode(byte[] bytes, int from, int to) {
        byte[] raw = new byte[Math.max(0, to - from)];
        int length = 0;
        CharBuffer chars = null;
        try {
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b == '+') {
                    raw[length++] = ' ';
                } else if (b == '%') {
                    if (i + 2 >= to || Character.digit(bytes[i + 1], 16) < 0 || Character.digit(bytes[i + 2], 16) < 0) {
                        throw ApiError.badRequest("The form is not properly encoded.");
                    }
                    raw[length++] = (byte) (Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                    i += 2;
                } else {
                    raw[length++] = b;
                }
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            chars = decoder.decode(ByteBuffer.wrap(raw, 0, length));
            return Arrays.copyOfRange(chars.array(), chars.arrayOffset(), chars.arrayOffset() + chars.remaining());
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("The form is not UTF-8.");
        } finally {
            Arrays.fill(raw, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    private static void wipe(Map<String, char[]> values) {
        values.values().forEach(v -> Arrays.fill(v, '\0'));
    }

    @Override
    public String toString() {
        return "FormFields" + values.keySet() + "[values hidden]";
    }
}
