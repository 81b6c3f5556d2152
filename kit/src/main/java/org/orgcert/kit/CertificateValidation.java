package org.orgcert.kit;

import java.time.Instant;

/**
 * The result of validating a certificate.
 *
 * @param status       what the kit concluded
 * @param reason       why, in words for the platform's log (null when VALID)
 * @param revokedAt    for REVOKED, since when; otherwise null
 * @param revokeReason for REVOKED, the RFC 5280 CRLReason name (e.g. {@code keyCompromise}); otherwise null
 */
public record CertificateValidation(CertificateStatus status, String reason, Instant revokedAt, String revokeReason) {

    static CertificateValidation valid() {
        return new CertificateValidation(CertificateStatus.VALID, null, null, null);
    }

    static CertificateValidation of(CertificateStatus status, String reason) {
        return new CertificateValidation(status, reason, null, null);
    }

    /** True for {@link CertificateStatus#VALID}. */
    public boolean isValid() {
        return status == CertificateStatus.VALID;
    }
}
