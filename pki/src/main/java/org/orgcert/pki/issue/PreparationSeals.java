package org.orgcert.pki.issue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.orgcert.pki.Pki;

/**
 * Seals what an issuer prepared, so that {@code sign} can tell its own linted output from anything else
 * without parsing and linting it a second time: HMAC-SHA256 under a key that exists only in this issuer
 * object, over the serial, the TBS bytes, the profile and the validity. A seal cannot be made outside the
 * process and does not survive a restart, so a row read back from the database is always checked in full.
 */
final class PreparationSeals {
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    PreparationSeals() {
        byte[] secret = new byte[32];
        Pki.random().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The seal of these values. */
    byte[] seal(BigInteger serial, byte[] tbs, String profileId, Instant notBefore, Instant notAfter) {
        Mac mac = macs.get();
        byte[] serialBytes = serial.toByteArray();
        mac.update((byte) serialBytes.length);
        mac.update(serialBytes);
        mac.update(tbs);
        byte[] profile = profileId.getBytes(StandardCharsets.UTF_8);
        mac.update((byte) profile.length);
        mac.update(profile);
        mac.update(longBytes(notBefore == null ? Long.MIN_VALUE : notBefore.getEpochSecond()));
        mac.update(longBytes(notAfter == null ? Long.MIN_VALUE : notAfter.getEpochSecond()));
        return mac.doFinal();
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }
}
