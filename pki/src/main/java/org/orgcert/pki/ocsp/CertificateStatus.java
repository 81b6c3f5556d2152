package org.orgcert.pki.ocsp;

import java.time.Instant;
import java.util.Objects;
import org.orgcert.pki.crl.RevocationReason;

/**
 * What the certificate store says about one serial, the answer an OCSP responder signs (RFC 6960 2.2).
 * Relying platforms act on it when they check an employer's certificate (R-USE interpretation).
 */
public sealed interface CertificateStatus {
    /** The shared "good" answer. */
    CertificateStatus GOOD = new Good();
    /** The shared "unknown" answer. */
    CertificateStatus UNKNOWN = new Unknown();

    /** Issued by this CA and not revoked (an expired certificate stays good: RFC 6960 does not say expired). */
    record Good() implements CertificateStatus {
    }

    /**
     * Revoked, or on hold.
     *
     * @param revocationTime when it was revoked (whole seconds are signed)
     * @param reason         why; {@link RevocationReason#UNSPECIFIED} is signed without a reason, and
     *                       {@link RevocationReason#REMOVE_FROM_CRL} is not a status (a lifted hold is good)
     */
    record Revoked(Instant revocationTime, RevocationReason reason) implements CertificateStatus {
        public Revoked {
            Objects.requireNonNull(revocationTime, "revocationTime");
            Objects.requireNonNull(reason, "reason");
            if (reason == RevocationReason.REMOVE_FROM_CRL) {
                throw new IllegalArgumentException("removeFromCRL is not a revocation; the certificate is good");
            }
        }
    }

    /** This CA never issued the serial (or the store does not know it yet). */
    record Unknown() implements CertificateStatus {
    }
}
