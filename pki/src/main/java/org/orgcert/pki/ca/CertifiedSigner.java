package org.orgcert.pki.ca;

import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.algorithm.Signer;

/**
 * A signer with the certificate of its key and the chain above it: an OCSP responder, or any key that
 * signs on a CA's behalf without being a CA.
 *
 * @param signer      signs with the private key
 * @param certificate the key's certificate
 * @param chain       the certificates above it, nearest first
 */
public record CertifiedSigner(Signer signer, X509CertificateHolder certificate, List<X509CertificateHolder> chain) {
    public CertifiedSigner {
        chain = List.copyOf(chain);
    }
}
