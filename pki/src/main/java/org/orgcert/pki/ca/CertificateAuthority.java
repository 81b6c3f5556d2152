package org.orgcert.pki.ca;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.Asn1Time;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.Signer;

/**
 * A CA as the rest of OrgCert sees it: its certificate, the chain above it and a {@link Signer} for its
 * key. The key itself stays inside the signer.
 *
 * @param signer      signs with the CA's private key
 * @param certificate the CA's own certificate
 * @param chain       the certificates above it, nearest first, ending with the root (empty for a root)
 * @param endpoints   the status URLs written into what it issues
 */
public record CertificateAuthority(Signer signer, X509CertificateHolder certificate,
        List<X509CertificateHolder> chain, CaEndpoints endpoints) {

    public CertificateAuthority {
        chain = List.copyOf(chain);
        try {
            byte[] certified = certificate.getSubjectPublicKeyInfo().getEncoded();
            if (!java.util.Arrays.equals(certified, signer.publicKey().getEncoded())) {
                throw new IllegalArgumentException("the CA certificate " + certificate.getSubject()
                        + " does not certify the signer's key");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the CA certificate's key cannot be encoded", e);
        }
    }

    /** The CA's distinguished name, the issuer of everything it signs. */
    public X500Name subject() {
        return certificate.getSubject();
    }

    /** The algorithm the CA signs with. */
    public KeyAlgorithm algorithm() {
        return signer.algorithm();
    }

    /** The CA certificate's subjectKeyIdentifier, which becomes the authorityKeyIdentifier of its issues. */
    public byte[] keyIdentifier() {
        Extension ski = certificate.getExtension(Extension.subjectKeyIdentifier);
        if (ski == null) {
            throw new IllegalStateException("CA certificate " + subject() + " has no subjectKeyIdentifier");
        }
        return SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
    }

    /** The first instant the CA certificate is valid; nothing it issues may start earlier. */
    public Instant notBefore() {
        return Asn1Time.instant(certificate.toASN1Structure().getStartDate());
    }

    /** The last instant the CA certificate is valid; nothing it issues may outlive it. */
    public Instant notAfter() {
        return Asn1Time.instant(certificate.toASN1Structure().getEndDate());
    }

    /** The root at the top of this CA's chain (itself for a root). */
    public X509CertificateHolder root() {
        return chain.isEmpty() ? certificate : chain.get(chain.size() - 1);
    }
}
