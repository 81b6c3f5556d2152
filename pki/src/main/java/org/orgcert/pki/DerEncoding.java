package org.orgcert.pki;

import java.time.Instant;

/**
 * Hand-written DER for the few structures OrgCert writes itself: lengths and headers, X.509 times and the
 * BIT STRING around a signature. The one place each is encoded: CRL entries (a million-entry CRL must not
 * allocate several BC objects and a date formatter per entry), certificate assembly in the issuer, and
 * {@link Asn1Time#time}.
 */
public final class DerEncoding {
    public static final int TAG_INTEGER = 0x02;
    public static final int TAG_BIT_STRING = 0x03;
    public static final int TAG_SEQUENCE = 0x30;
    public static final int TAG_UTC_TIME = 0x17;
    public static final int TAG_GENERALIZED_TIME = 0x18;
    /** The most bytes {@link #writeTime} writes. */
    public static final int MAX_TIME_SIZE = 17;

    private static final long SECONDS_PER_DAY = 86_400;

    private DerEncoding() {
    }

    /** The size of a DER length field for {@code length}. */
    public static int lengthSize(long length) {
        if (length < 0x80) {
            return 1;
        }
        return 1 + (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
    }

    /** Writes a DER length at {@code offset} and returns the offset after it. */
    public static int writeLength(byte[] out, int offset, long length) {
        if (length < 0x80) {
            out[offset] = (byte) length;
            return offset + 1;
        }
        int bytes = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
        out[offset++] = (byte) (0x80 | bytes);
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out[offset++] = (byte) (length >>> shift);
        }
        return offset;
    }

    /** A tag and length as a fresh array, for headers written once per CRL. */
    public static byte[] header(int tag, long length) {
        byte[] out = new byte[1 + lengthSize(length)];
        out[0] = (byte) tag;
        writeLength(out, 1, length);
        return out;
    }

    /** The encoded size of {@link #writeTime}'s output: 15 for UTCTime, 17 for GeneralizedTime. */
    public static int timeSize(Instant instant) {
        int year = yearOf(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
        return year >= 1950 && year <= 2049 ? 15 : 17;
    }

    /**
     * Writes {@code instant} (whole seconds) as RFC 5280 5.1.2.4/4.1.2.5 wants: UTCTime {@code YYMMDDHHMMSSZ}
     * for the years 1950 through 2049, GeneralizedTime {@code YYYYMMDDHHMMSSZ} otherwise.
     *
     * @return the offset after it
     */
    public static int writeTime(byte[] out, int offset, Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted), no allocation.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new PkiException(PkiException.Kind.LINT, "year " + year + " cannot be written in an X.509 time");
        }
        if (year >= 1950 && year <= 2049) {
            out[offset++] = TAG_UTC_TIME;
            out[offset++] = 13;
            offset = two(out, offset, (int) (year % 100));
        } else {
            out[offset++] = TAG_GENERALIZED_TIME;
            out[offset++] = 15;
            offset = two(out, offset, (int) (year / 100));
            offset = two(out, offset, (int) (year % 100));
        }
        offset = two(out, offset, month);
        offset = two(out, offset, day);
        offset = two(out, offset, secondOfDay / 3600);
        offset = two(out, offset, secondOfDay / 60 % 60);
        offset = two(out, offset, secondOfDay % 60);
        out[offset++] = 'Z';
        return offset;
    }

    /** BIT STRING with zero unused bits around {@code value} (a signature), header included. */
    public static byte[] bitString(byte[] value) {
        byte[] header = header(TAG_BIT_STRING, value.length + 1L);
        byte[] out = new byte[header.length + 1 + value.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(value, 0, out, header.length + 1, value.length);
        return out;
    }

    /** The year of a day count since 1970-01-01 (same arithmetic as {@link #writeTime}). */
    private static int yearOf(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        return (int) (yearOfEra + era * 400 + (mp >= 10 ? 1 : 0));
    }

    private static int two(byte[] out, int offset, int value) {
        out[offset] = (byte) ('0' + value / 10);
        out[offset + 1] = (byte) ('0' + value % 10);
        return offset + 2;
    }
}
