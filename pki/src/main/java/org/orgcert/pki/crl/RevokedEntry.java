package org.orgcert.pki.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One revoked certificate as a CRL lists it.
 *
 * @param serial     the certificate's serial number, positive and at most 20 octets (RFC 5280 4.1.2.2)
 * @param revocation when it was revoked; written with whole seconds (fractions are dropped)
 * @param reason     why; {@link RevocationReason#UNSPECIFIED} writes no reasonCode extension
 */
public record RevokedEntry(BigInteger serial, Instant revocation, RevocationReason reason) {
    public RevokedEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(reason, "reason");
    }
}
