package org.orgcert.pki.path;

import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * What a relying party has learnt about revocation: CRLs (full and delta) and DER-encoded OCSP responses,
 * fetched from the URLs in the certificates.
 *
 * @param crls          CRLs of any issuer in the path
 * @param ocspResponses OCSP responses for any certificate in the path
 */
public record StatusEvidence(List<X509CRLHolder> crls, List<byte[]> ocspResponses) {
    public StatusEvidence {
        crls = List.copyOf(crls);
        ocspResponses = List.copyOf(ocspResponses);
    }

    /** Evidence from CRLs only. */
    public static StatusEvidence fromCrls(X509CRLHolder... crls) {
        return new StatusEvidence(List.of(crls), List.of());
    }

    /** Evidence from OCSP responses only. */
    public static StatusEvidence fromOcsp(byte[]... responses) {
        return new StatusEvidence(List.of(), List.of(responses));
    }
}
