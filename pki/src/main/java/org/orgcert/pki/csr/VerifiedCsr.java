package org.orgcert.pki.csr;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * A PKCS#10 request whose signature has been checked with its own key (proof of possession).
 *
 * <p>Only {@link CsrParser#parse} makes one (the constructor is package-private), so a {@code VerifiedCsr}
 * is proof by its type that the key's holder signed the request; {@code IssueRequest.fromCsr} takes one.
 *
 * <p>Only the public key is used for issuing; the subject is kept to show staff what the requester asked
 * for, since the profile, not the CSR, decides the certificate's content.
 */
public final class VerifiedCsr {
    private final SubjectPublicKeyInfo publicKey;
    private final KeyAlgorithm algorithm;
    private final X500Name subject;
    private final byte[] der;

    VerifiedCsr(SubjectPublicKeyInfo publicKey, KeyAlgorithm algorithm, X500Name subject, byte[] der) {
        this.publicKey = publicKey;
        this.algorithm = algorithm;
        this.subject = subject;
        this.der = der.clone();
    }

    /** The key the certificate will certify. */
    public SubjectPublicKeyInfo publicKey() {
        return publicKey;
    }

    /** The key's algorithm, already checked to be one OrgCert issues for. */
    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** The subject the requester wrote into the CSR (informational). */
    public X500Name subject() {
        return subject;
    }

    /** The request as received. */
    public byte[] der() {
        return der.clone();
    }
}
