package org.orgcert.pki.ca;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.Signer;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.profile.CertificateProfiles;

/**
 * Creates CAs: a self-signed root, an issuing CA under it and the issuing CA's delegated OCSP signer, each
 * through the same profiles and linter as employer certificates.
 */
public final class CaFactory {
    private final CertificateProfiles profiles;
    private final Clock clock;

    public CaFactory(CertificateProfiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    /** A CA name {@code C=CN, O=organisation, CN=commonName}, UTF8String except the country. */
    public static X500Name name(String organisation, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, organisation).addRDN(BCStyle.CN, commonName).build();
    }

    /** A new root CA for a key (a fresh one from {@link KeyAlgorithm#generateKeyPair}, or one on a token). */
    public CertificateAuthority createRoot(Signer signer, X500Name name) {
        X509CertificateHolder certificate = CertificateIssuer.selfSigned(signer, name, profiles, clock)
                .issue(IssueRequest.of(CertificateProfiles.ROOT_CA, new CertificateSubject.Named(name), spki(signer)))
                .holder();
        return new CertificateAuthority(signer, certificate, List.of(), null);
    }

    /** A new issuing CA under {@code parent} for an existing key. */
    public CertificateAuthority createIssuing(CertificateAuthority parent, Signer signer, X500Name name,
            CaEndpoints endpoints) {
        X509CertificateHolder certificate = new CertificateIssuer(parent, profiles, clock)
                .issue(IssueRequest.of(CertificateProfiles.ISSUING_CA, new CertificateSubject.Named(name), spki(signer)))
                .holder();
        List<X509CertificateHolder> chain = new ArrayList<>();
        chain.add(parent.certificate());
        chain.addAll(parent.chain());
        return new CertificateAuthority(signer, certificate, chain, endpoints);
    }

    /**
     * A delegated OCSP signer for {@code issuing} (RFC 6960 4.2.2.2): a short-lived certificate with
     * id-kp-OCSPSigning and ocsp-nocheck for {@code signer}'s key.
     */
    public CertifiedSigner createOcspSigner(CertificateAuthority issuing, Signer signer, X500Name name) {
        X509CertificateHolder certificate = new CertificateIssuer(issuing, profiles, clock)
                .issue(IssueRequest.of(CertificateProfiles.OCSP_SIGNER, new CertificateSubject.Named(name), spki(signer)))
                .holder();
        List<X509CertificateHolder> chain = new ArrayList<>();
        chain.add(issuing.certificate());
        chain.addAll(issuing.chain());
        return new CertifiedSigner(signer, certificate, chain);
    }

    private static SubjectPublicKeyInfo spki(Signer signer) {
        return SubjectPublicKeyInfo.getInstance(signer.publicKey().getEncoded());
    }
}
