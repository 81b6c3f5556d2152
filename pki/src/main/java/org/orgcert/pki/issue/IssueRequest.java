package org.orgcert.pki.issue;

import java.time.Instant;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.orgcert.pki.csr.VerifiedCsr;

/**
 * What the registration side asks the CA to certify. Everything else comes from the profile.
 *
 * <p>Employer certificates are requested with {@link #fromCsr}: a {@link VerifiedCsr} exists only once
 * {@code CsrParser} has checked proof of possession, so the types carry that proof. {@link #of} takes a
 * raw public key and is for keys whose possession is known otherwise: CA and OCSP signer keys the CA
 * generated itself (or on its own token).
 *
 * @param profileId the profile that decides content, e.g. {@code employer-signing}
 * @param subject   who the certificate is for
 * @param publicKey the key to certify (from a verified CSR or generated for a CA)
 * @param notBefore start of validity, or null for now
 * @param notAfter  end of validity, or null for notBefore plus the profile's validity; a renewal passes
 *                  the old expiry plus one year so that renewing early loses no days (R-REN-1)
 */
public record IssueRequest(String profileId, CertificateSubject subject, SubjectPublicKeyInfo publicKey,
        Instant notBefore, Instant notAfter) {

    /** A request for the key of a CSR whose proof of possession was checked, valid from now for the profile's validity. */
    public static IssueRequest fromCsr(String profileId, CertificateSubject subject, VerifiedCsr csr) {
        return new IssueRequest(profileId, subject, csr.publicKey(), null, null);
    }

    /** As {@link #fromCsr(String, CertificateSubject, VerifiedCsr)}, ending at {@code notAfter} (a renewal, R-REN-1). */
    public static IssueRequest fromCsr(String profileId, CertificateSubject subject, VerifiedCsr csr, Instant notAfter) {
        return new IssueRequest(profileId, subject, csr.publicKey(), null, notAfter);
    }

    /**
     * A request for a raw public key, valid from now for the profile's full validity. For CA and OCSP signer
     * keys the CA generated itself; employer keys come through {@link #fromCsr}.
     */
    public static IssueRequest of(String profileId, CertificateSubject subject, SubjectPublicKeyInfo publicKey) {
        return new IssueRequest(profileId, subject, publicKey, null, null);
    }

    /**
     * A successor for the key of a certificate this CA issued: a renewal, whose holder has just signed a fresh
     * nonce with that key, or an information change, which keeps the key. From now until {@code notAfter}.
     */
    public static IssueRequest successor(String profileId, CertificateSubject subject, SubjectPublicKeyInfo publicKey,
            Instant notAfter) {
        return new IssueRequest(profileId, subject, publicKey, null, notAfter);
    }
}
