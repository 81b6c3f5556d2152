package org.orgcert.pki.ca;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where relying parties find a CA's status services; these URLs go into the certificates it issues.
 *
 * <p>This record is also the one place that turns the URLs into extension values: the issuer, the linter
 * and the CRL writer all use {@link #distributionPoint}, {@link #crlDistributionPoints} and
 * {@link #authorityInfoAccess}, so what is written and what is checked cannot drift apart.
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

    /**
     * The DER of a CRLDistributionPoints value (also the syntax of freshestCRL, RFC 5280 5.2.6) with one
     * distribution point whose full name is {@code url}.
     */
    public static byte[] distributionPoint(String url) {
        DistributionPoint point = new DistributionPoint(new DistributionPointName(new GeneralNames(uri(url))),
                null, null);
        return der(new CRLDistPoint(new DistributionPoint[] {point}));
    }

    /** The DER of the cRLDistributionPoints value of certificates this CA issues. */
    public byte[] crlDistributionPoints() {
        return distributionPoint(crlUrl);
    }

    /** The DER of the authorityInfoAccess value: OCSP responder, then caIssuers. */
    public byte[] authorityInfoAccess() {
        return der(new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_ocsp, uri(ocspUrl)),
            new AccessDescription(AccessDescription.id_ad_caIssuers, uri(caIssuersUrl)),
        }));
    }

    private static GeneralName uri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("the CA has no status URL configured for a profile that needs one");
        }
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object value) {
        try {
            return value.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
