package org.orgcert.server.certificate;

import java.math.BigInteger;
import java.time.Instant;
import org.orgcert.pki.crl.RevocationReason;

/**
 * Published inside the revoking transaction; listeners act after it commits
 * ({@code @TransactionalEventListener(AFTER_COMMIT)}), e.g. the status capability refreshes its OCSP cache
 * and marks its CRLs stale.
 *
 * @param ca        the issuing CA's label
 * @param serial    the revoked certificate's serial
 * @param revokedAt when
 * @param reason    why
 */
public record CertificateRevoked(String ca, BigInteger serial, Instant revokedAt, RevocationReason reason) {
}
