package org.orgcert.pki;

/**
 * Decides, without building objects, whether bytes are DER (X.690 10/11) and not merely BER: definite
 * lengths in the fewest octets, tags in the low form when they fit, no constructed strings or times,
 * BOOLEAN as 00/FF, BIT STRINGs with at most 7 unused bits that are zero, minimal INTEGERs, and SET
 * elements in ascending order of their encodings. Everything inside a constructed element is checked too.
 *
 * <p>Why not re-encode and compare: re-encoding a parsed TBSCertificate costs about 4 µs, more than the
 * linter itself, and {@link Der#parse} sits on the issuing path twice per certificate; this walk costs a
 * small fraction of that. {@code DerValidatorTest} checks it against re-encoding on seeded random,
 * truncated and bit-flipped input.
 */
final class DerValidator {
    private static final int MAX_DEPTH = 32;

    private final byte[] data;

    private DerValidator(byte[] data) {
        this.data = data;
    }

    /** Null when {@code data} is exactly one DER element, otherwise why not. */
    static String problem(byte[] data) {
        try {
            DerValidator validator = new DerValidator(data);
            int end = validator.element(0, data.length, 0);
            return end == data.length ? null : "it has bytes after its end";
        } catch (NotDer e) {
            return e.getMessage();
        }
    }

    /** Checks the element at {@code at} within {@code limit} and returns where it ends. */
    private int element(int at, int limit, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NotDer("nested more than " + MAX_DEPTH + " levels");
        }
        int tag = byteAt(at++, limit);
        int number = tag & 0x1F;
        if (number == 0x1F) {
            int first = byteAt(at, limit);
            if (first == 0x80) {
                throw new NotDer("tag number with a leading zero");
            }
            number = 0;
            int octet;
            do {
                octet = byteAt(at++, limit);
                if (number > (1 << 23)) {
                    throw new NotDer("tag number too large");
                }
                number = number << 7 | octet & 0x7F;
            } while ((octet & 0x80) != 0);
            if (number < 0x1F) {
                throw new NotDer("tag number in the high form though it fits the low form");
            }
        }
        int lengthOctet = byteAt(at++, limit);
        int length;
        if (lengthOctet < 0x80) {
            length = lengthOctet;
        } else {
            int octets = lengthOctet & 0x7F;
            if (octets == 0) {
                throw new NotDer("indefinite length (BER)");
            }
            if (octets > 4 || byteAt(at, limit) == 0) {
                throw new NotDer("length not in the fewest octets");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | byteAt(at++, limit);
            }
            if (length < 0x80) {
                throw new NotDer("short length in the long form");
            }
        }
        if (length < 0 || length > limit - at) {
            throw new NotDer("length beyond the end");
        }
        int end = at + length;
        boolean constructed = (tag & 0x20) != 0;
        if ((tag & 0xC0) == 0) {
            universal(number, constructed, at, end);
        }
        if (constructed) {
            int previous = -1;
            boolean set = (tag & 0xC0) == 0 && number == 0x11;
            int position = at;
            while (position < end) {
                int next = element(position, end, depth + 1);
                if (set && previous >= 0 && compare(previous, position, position, next) > 0) {
                    throw new NotDer("SET elements not in ascending order");
                }
                previous = position;
                position = next;
            }
        }
        return end;
    }

    private void universal(int number, boolean constructed, int at, int end) {
        int length = end - at;
        switch (number) {
            case 0 -> throw new NotDer("end-of-contents (BER)");
            case 0x10, 0x11 -> {
                if (!constructed) {
                    throw new NotDer("primitive SEQUENCE or SET");
                }
            }
            case 0x01 -> {
                if (constructed || length != 1 || data[at] != 0 && data[at] != (byte) 0xFF) {
                    throw new NotDer("BOOLEAN not 00 or FF");
                }
            }
            case 0x02, 0x0A -> {
                if (constructed || length == 0 || length > 1 && (data[at] == 0 && (data[at + 1] & 0x80) == 0
                        || data[at] == (byte) 0xFF && (data[at + 1] & 0x80) != 0)) {
                    throw new NotDer("INTEGER not in the fewest octets");
                }
            }
            case 0x03 -> {
                if (constructed || length == 0 || (data[at] & 0xFF) > 7 || length == 1 && data[at] != 0
                        || length > 1 && (data[end - 1] & ((1 << data[at]) - 1)) != 0) {
                    throw new NotDer("BIT STRING not in DER form");
                }
            }
            default -> {
                if (constructed) {
                    throw new NotDer("constructed string or other primitive type (BER)");
                }
            }
        }
    }

    /** X.690 11.6: encodings compared as octet strings, the shorter padded with zero octets at its end. */
    private int compare(int aFrom, int aTo, int bFrom, int bTo) {
        int aLength = aTo - aFrom;
        int bLength = bTo - bFrom;
        for (int i = 0; i < Math.max(aLength, bLength); i++) {
            int a = i < aLength ? data[aFrom + i] & 0xFF : 0;
            int b = i < bLength ? data[bFrom + i] & 0xFF : 0;
            if (a != b) {
                return a - b;
            }
        }
        return 0;
    }

    private int byteAt(int at, int limit) {
        if (at >= limit) {
            throw new NotDer("truncated");
        }
        return data[at] & 0xFF;
    }

    private static final class NotDer extends RuntimeException {
        NotDer(String message) {
            super(message, null, false, false);
        }
    }
}
