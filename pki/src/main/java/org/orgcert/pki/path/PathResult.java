package org.orgcert.pki.path;

import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.crl.RevocationReason;

/** The outcome of validating a certificate for a relying party. */
public sealed interface PathResult {

    /** True when the certificate may be relied upon. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * The certificate chains to a trusted root, every link is in date and signed by its issuer, and its
     * status is known to be good.
     *
     * @param path     the certificate first, the root last
     * @param evidence how the end-entity's status was learnt: "OCSP" or "CRL"
     */
    record Valid(List<X509CertificateHolder> path, String evidence) implements PathResult {
    }

    /**
     * The certificate is revoked.
     *
     * @param revokedAt when, as the CA says
     * @param reason    the RFC 5280 reason, e.g. KEY_COMPROMISE for a lost USB key
     */
    record Revoked(Instant revokedAt, RevocationReason reason) implements PathResult {
    }

    /**
     * The certificate cannot be relied upon for another reason: no chain, a bad signature, out of date, no
     * usable status evidence.
     *
     * @param reason what is wrong, for a person to read
     */
    record Invalid(String reason) implements PathResult {
    }
}
