package org.orgcert.pki.issue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.orgcert.pki.Pki;

/**
 * Certificate serial numbers: 16 random octets, the first in 0x01..0x7F, so every serial is positive,
 * fits RFC 5280's 20-octet limit, encodes in exactly 16 octets and carries at least 120 random bits
 * (CA/Browser Forum baseline asks for 64).
 */
public final class SerialNumbers {
    private SerialNumbers() {
    }

    /** A fresh random serial. */
    public static BigInteger next() {
        SecureRandom random = Pki.random();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] = (byte) (1 + (bytes[0] & 0x7F) % 0x7F);
        return new BigInteger(1, bytes);
    }
}
