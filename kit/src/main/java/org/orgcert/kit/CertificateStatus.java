package org.orgcert.kit;

/** The answer of {@link SignInVerifier#validateCertificate} (SOF_ValidateCert), checked in this order. */
public enum CertificateStatus {
    /** Chains to a trust anchor, within its validity, can sign, and its CA says it is not revoked. */
    VALID,
    /** Not DER, not X.509, truncated, random bytes, too large, or a key the kit does not support. */
    MALFORMED,
    /** Not issued by a configured issuing CA, or its chain to a configured root does not validate. */
    UNTRUSTED,
    /** Its validity has not started. */
    NOT_YET_VALID,
    /** Its validity has ended. */
    EXPIRED,
    /** No keyUsage digitalSignature: not a certificate to sign in with (an encryption certificate). */
    NO_SIGNING_USAGE,
    /** Its CA's CRL or OCSP responder says it is revoked (or on hold). */
    REVOKED,
    /** No usable revocation status: CRL or OCSP unreachable, unsigned, stale, or not about this certificate. */
    STATUS_UNKNOWN
}
