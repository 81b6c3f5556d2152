package org.orgcert.pki.csr;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * A PKCS#10 request whose signature has been checked with its own key (proof of possession).
 *
 * <p>Only the public key is used for issuing; the subject is kept to show staff what the requester asked
 * for, since the profile, not the CSR, decides the certificate's content.
 *
 * @param publicKey the key the certificate will certify
 * @param algorithm the key's algorithm, already checked to be one OrgCert issues for
 * @param subject   the subject the requester wrote into the CSR (informational)
 * @param der       the request as received
 */
public record VerifiedCsr(SubjectPublicKeyInfo publicKey, KeyAlgorithm algorithm, X500Name subject, byte[] der) {
}
