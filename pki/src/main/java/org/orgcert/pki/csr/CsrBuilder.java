package org.orgcert.pki.csr;

import java.io.IOException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.orgcert.pki.algorithm.Signer;

/** Builds PKCS#10 requests signed by a {@link Signer}, as a USB key does for the key it generated. */
public final class CsrBuilder {
    private CsrBuilder() {
    }

    /** A DER-encoded request for {@code signer}'s public key with {@code subject}. */
    public static byte[] build(X500Name subject, Signer signer) {
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(signer.publicKey().getEncoded());
        try {
            return new PKCS10CertificationRequestBuilder(subject, key).build(signer.contentSigner()).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate request", e);
        }
    }
}
