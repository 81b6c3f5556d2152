package org.orgcert.kit;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.x509.Time;

/**
 * Reads a DER UTCTime or GeneralizedTime (already checked by {@link DerCheck}: digits, Z, fields in range)
 * straight from its digits. Bouncy Castle's {@code Time.getDate()} goes through SimpleDateFormat, which costs
 * seconds for a CRL of a million entries.
 */
final class DerTime {
    private DerTime() {
    }

    static Instant instant(Time time) {
        byte[] der;
        try {
            der = time.toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw new KitException(KitException.Kind.MALFORMED, "a time cannot be encoded", e);
        }
        boolean utc = der[0] == 0x17;
        int at = 2;
        int year;
        if (utc) {
            year = number(der, at, 2);
            year += year >= 50 ? 1900 : 2000; // RFC 5280 4.1.2.5.1
            at += 2;
        } else {
            year = number(der, at, 4);
            at += 4;
        }
        return LocalDateTime.of(year, number(der, at, 2), number(der, at + 2, 2), number(der, at + 4, 2),
                number(der, at + 6, 2), number(der, at + 8, 2)).toInstant(ZoneOffset.UTC);
    }

    private static int number(byte[] der, int at, int digits) {
        int value = 0;
        for (int i = at; i < at + digits; i++) {
            value = value * 10 + der[i] - '0';
        }
        return value;
    }
}
