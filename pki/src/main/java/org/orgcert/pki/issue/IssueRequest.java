package org.orgcert.pki.issue;

import java.time.Instant;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * What the registration side asks the CA to certify. Everything else comes from the profile.
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

    /** A request valid from now for the profile's full validity. */
    public static IssueRequest of(String profileId, CertificateSubject subject, SubjectPublicKeyInfo publicKey) {
        return new IssueRequest(profileId, subject, publicKey, null, null);
    }
}
