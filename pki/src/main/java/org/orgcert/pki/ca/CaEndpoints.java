package org.orgcert.pki.ca;

/**
 * Where relying parties find a CA's status services; these URLs go into the certificates it issues.
 *
 * @param crlUrl       the full CRL (CRL distribution point)
 * @param deltaCrlUrl  the delta CRL (freshestCRL in full CRLs)
 * @param ocspUrl      the OCSP responder (AIA id-ad-ocsp)
 * @param caIssuersUrl the issuing CA's certificate (AIA id-ad-caIssuers)
 */
public record CaEndpoints(String crlUrl, String deltaCrlUrl, String ocspUrl, String caIssuersUrl) {

    /** Endpoints under one base URL, e.g. {@code http://localhost:8080/status/ecdsa-p256}. */
    public static CaEndpoints under(String base) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new CaEndpoints(b + "/crl", b + "/delta-crl", b + "/ocsp", b + "/ca.cer");
    }
}
