package org.orgcert.kit;

/**
 * Decides, without building objects, whether bytes are exactly one DER element (X.690 10/11), not merely
 * BER: definite lengths in the fewest octets, low-form tags where they fit, no constructed strings, BOOLEAN
 * 00 or FF, minimal INTEGERs, BIT STRINGs with at most 7 zero padding bits, minimal OID arcs, times ending
 * in Z, and SET elements in ascending order of their encodings. Walking costs a fraction of parsing and
 * re-encoding, which matters on the sign-in path and for CRLs of millions of entries.
 */
final class DerCheck {
    private static final int MAX_DEPTH = 32;
    private final byte[] data;

    private DerCheck(byte[] data) {
        this.data = data;
    }

    /** Null when {@code data} is exactly one DER element, otherwise why not. */
    static String problem(byte[] data) {
        if (data == null || data.length == 0) {
            return "it is empty";
        }
        try {
            int end = new DerCheck(data).element(0, data.length, 0);
            return end == data.length ? null : "it has bytes after its end";
        } catch (NotDer e) {
            return e.getMessage();
        }
    }

    /** Checks the element starting at {@code at}, which must end by {@code limit}; returns where it ends. */
    private int element(int at, int limit, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NotDer("nested more than " + MAX_DEPTH + " levels");
        }
        int tag = octet(at++, limit);
        int number = tag & 0x1F;
        if (number == 0x1F) {
            if (octet(at, limit) == 0x80) {
                throw new NotDer("a tag number with a leading zero");
            }
            number = 0;
            int o;
            do {
                o = octet(at++, limit);
                if (number > 1 << 20) {
                    throw new NotDer("a tag number too large");
                }
                number = number << 7 | o & 0x7F;
            } while ((o & 0x80) != 0);
            if (number < 0x1F) {
                throw new NotDer("a tag number in the long form though it fits the short one");
            }
        }
        int first = octet(at++, limit);
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new NotDer("an indefinite length");
        } else {
            int count = first & 0x7F;
            if (count > 4) {
                throw new NotDer("a length of more than 4 octets");
            }
            if (octet(at, limit) == 0) {
                throw new NotDer("a length with a leading zero octet");
            }
            long value = 0;
            for (int i = 0; i < count; i++) {
                value = value << 8 | octet(at++, limit);
            }
            if (value < 0x80) {
                throw new NotDer("a long-form length below 128");
            }
            if (value > Integer.MAX_VALUE) {
                throw new NotDer("a length beyond the input");
            }
            length = (int) value;
        }
        if (length > limit - at) {
            throw new NotDer("a length beyond the input (truncated?)");
        }
        int end = at + length;
        boolean constructed = (tag & 0x20) != 0;
        boolean universal = (tag & 0xC0) == 0;
        if (universal) {
            universal(number, constructed, at, end);
        }
        if (constructed) {
            int previousStart = -1;
            int previousEnd = -1;
            boolean set = universal && number == 17;
            for (int child = at; child < end; ) {
                int childEnd = element(child, end, depth + 1);
                if (set && previousStart >= 0 && compare(previousStart, previousEnd, child, childEnd) > 0) {
                    throw new NotDer("a SET whose elements are not in ascending order");
                }
                previousStart = child;
                previousEnd = childEnd;
                child = childEnd;
            }
        }
        return end;
    }

    /** The rules of the universal types certificates, CRLs and OCSP use. */
    private void universal(int number, boolean constructed, int at, int end) {
        int length = end - at;
        if (constructed != (number == 16 || number == 17)) {
            throw new NotDer(constructed ? "a constructed encoding of universal type " + number
                    : "a primitive SEQUENCE or SET");
        }
        switch (number) {
            case 0 -> throw new NotDer("an end-of-contents marker (BER)");
            case 7, 8, 9, 11, 13, 14, 15, 21, 25, 29 -> // never in certificates, CRLs or OCSP; some are constructed
                throw new NotDer("universal type " + number + ", which no certificate, CRL or OCSP message uses");
            case 1 -> {
                if (length != 1 || (data[at] != 0 && data[at] != (byte) 0xFF)) {
                    throw new NotDer("a BOOLEAN that is not 00 or FF");
                }
            }
            case 2, 10 -> {
                if (length == 0) {
                    throw new NotDer("an empty INTEGER");
                }
                if (length > 1 && (data[at] == 0 && data[at + 1] >= 0 || data[at] == (byte) 0xFF && data[at + 1] < 0)) {
                    throw new NotDer("an INTEGER in more octets than needed");
                }
            }
            case 3 -> {
                if (length == 0) {
                    throw new NotDer("a BIT STRING without its unused-bits octet");
                }
                int unused = data[at] & 0xFF;
                if (unused > 7 || length == 1 && unused != 0) {
                    throw new NotDer("a BIT STRING with a wrong number of unused bits");
                }
                if (unused > 0 && (data[end - 1] & (1 << unused) - 1) != 0) {
                    throw new NotDer("a BIT STRING whose padding bits are not zero");
                }
            }
            case 5 -> {
                if (length != 0) {
                    throw new NotDer("a NULL with contents");
                }
            }
            case 6 -> {
                if (length == 0 || (data[end - 1] & 0x80) != 0) {
                    throw new NotDer("an OBJECT IDENTIFIER that is empty or cut off");
                }
                for (int i = at; i < end; i++) {
                    boolean startsArc = i == at || (data[i - 1] & 0x80) == 0;
                    if (startsArc && (data[i] & 0xFF) == 0x80) {
                        throw new NotDer("an OBJECT IDENTIFIER arc with a leading zero");
                    }
                }
            }
            case 23, 24 -> time(number, at, end);
            default -> {
                if (number > 30) {
                    throw new NotDer("universal type " + number + ", which no certificate, CRL or OCSP message uses");
                }
            }
        }
    }

    /**
     * UTCTime YYMMDDHHMMSSZ; GeneralizedTime YYYYMMDDHHMMSS[.fraction]Z, the fraction without trailing
     * zeros (X.690 11.7; certificates and CRLs never have one, OCSP responders sometimes do).
     */
    private void time(int number, int at, int end) {
        int digits = number == 23 ? 12 : 14;
        int fractionEnd = end - 1;
        boolean shape = end - at >= digits + 1 && data[end - 1] == 'Z';
        if (shape && number == 24 && end - at > digits + 1) {
            shape = data[at + digits] == '.' && end - at > digits + 2 && data[end - 2] != '0';
        } else if (shape) {
            shape = end - at == digits + 1;
        }
        if (!shape) {
            throw new NotDer("a time that is not " + (number == 23 ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSS[.f]Z"));
        }
        for (int i = at; i < fractionEnd; i++) {
            if ((data[i] < '0' || data[i] > '9') && i != at + digits) {
                throw new NotDer("a time with a character that is not a digit");
            }
        }
        int m = at + digits - 10; // month, day, hour, minute, second: the last ten digits
        if (!within(m, 1, 12) || !within(m + 2, 1, 31) || !within(m + 4, 0, 23) || !within(m + 6, 0, 59)
                || !within(m + 8, 0, 59)) {
            throw new NotDer("a time with a month, day, hour, minute or second out of range");
        }
    }

    private boolean within(int at, int low, int high) {
        int value = (data[at] - '0') * 10 + data[at + 1] - '0';
        return value >= low && value <= high;
    }

    private int compare(int aFrom, int aTo, int bFrom, int bTo) {
        for (int a = aFrom, b = bFrom; a < aTo && b < bTo; a++, b++) {
            int difference = (data[a] & 0xFF) - (data[b] & 0xFF);
            if (difference != 0) {
                return difference;
            }
        }
        return (aTo - aFrom) - (bTo - bFrom);
    }

    private int octet(int at, int limit) {
        if (at >= limit) {
            throw new NotDer("it ends inside an element (truncated?)");
        }
        return data[at] & 0xFF;
    }

    /** Thrown inside the walk; never leaves this class. */
    private static final class NotDer extends RuntimeException {
        NotDer(String message) {
            super(message, null, false, false);
        }
    }
}
