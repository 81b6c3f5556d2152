package org.orgcert.pki;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * X.509 times without {@link java.text.SimpleDateFormat}: Bouncy Castle's {@code Time(Date)} and
 * {@code getDate()} format and parse through it, which cost more than the rest of building a certificate
 * (measured with JMH's stack profiler). RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050,
 * both in UTC with seconds and no fraction.
 */
public final class Asn1Time {
    private Asn1Time() {
    }

    /**
     * The X.509 Time for {@code instant}, truncated to whole seconds, encoded by {@link DerEncoding#writeTime}
     * (the one X.509 time encoder): UTCTime for 1950 through 2049, GeneralizedTime otherwise.
     *
     * @throws PkiException LINT for a year outside 0..9999, which no X.509 time can hold
     */
    public static Time time(Instant instant) {
        byte[] der = new byte[DerEncoding.MAX_TIME_SIZE];
        int end = DerEncoding.writeTime(der, 0, instant);
        String text = new String(der, 2, end - 2, java.nio.charset.StandardCharsets.US_ASCII);
        return der[0] == DerEncoding.TAG_UTC_TIME ? new Time(new DERUTCTime(text))
                : new Time(new DERGeneralizedTime(text));
    }

    /**
     * The instant of an X.509 Time of the RFC 5280 form ({@code YYMMDDHHMMSSZ} or {@code YYYYMMDDHHMMSSZ}).
     *
     * @throws PkiException MALFORMED for any other form
     */
    public static Instant instant(Time time) {
        var primitive = time.toASN1Primitive();
        String s;
        int year;
        int at;
        if (primitive instanceof ASN1UTCTime) {
            s = contents(primitive);
            requireForm(s, 13);
            int yy = number(s, 0);
            year = yy < 50 ? 2000 + yy : 1900 + yy;
            at = 2;
        } else if (primitive instanceof ASN1GeneralizedTime) {
            s = contents(primitive);
            requireForm(s, 15);
            year = number(s, 0) * 100 + number(s, 2);
            at = 4;
        } else {
            throw new PkiException(PkiException.Kind.MALFORMED, "not an X.509 time");
        }
        try {
            return LocalDateTime.of(year, number(s, at), number(s, at + 2), number(s, at + 4), number(s, at + 6),
                    number(s, at + 8)).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new PkiException(PkiException.Kind.MALFORMED, "impossible date in X.509 time " + s, e);
        }
    }

    /** The characters as encoded: BC's getters rewrite them (e.g. "GMT+00:00") or add fractions. */
    private static String contents(org.bouncycastle.asn1.ASN1Primitive primitive) {
        try {
            byte[] der = primitive.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
            if (der.length < 2 || der[1] < 0) {
                throw new PkiException(PkiException.Kind.MALFORMED, "X.509 time too long");
            }
            return new String(der, 2, der.length - 2, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new PkiException(PkiException.Kind.MALFORMED, "unreadable X.509 time", e);
        }
    }

    private static void requireForm(String s, int length) {
        if (s.length() != length || s.charAt(length - 1) != 'Z') {
            throw new PkiException(PkiException.Kind.MALFORMED,
                    "X.509 times must be UTC with seconds and no fraction (RFC 5280 4.1.2.5): " + s);
        }
        for (int i = 0; i < length - 1; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new PkiException(PkiException.Kind.MALFORMED, "X.509 time with a non-digit: " + s);
            }
        }
    }

    private static int number(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }
}
