package org.orgcert.kit;

/** Where {@link SignInVerifier} learns whether a certificate is revoked. */
public enum RevocationSource {
    /**
     * The CA's full CRL from the certificate's CRL distribution point, cached until its nextUpdate: no request
     * per sign-in; a revocation counts from the CA's next CRL.
     */
    CRL,
    /** The CA's OCSP responder (authorityInfoAccess), asked with a fresh nonce at every validation. */
    OCSP,
    /** OCSP, and the CRL when OCSP gives no usable answer. */
    OCSP_ELSE_CRL
}
