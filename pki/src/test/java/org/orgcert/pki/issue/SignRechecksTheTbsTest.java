package org.orgcert.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.Asn1Time;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.TestCas;

/**
 * Review finding 1 (critical): {@code sign} must not sign a hand-built TBS that merely names this CA, its
 * algorithm and a serial. It re-parses and re-lints the bytes and compares the recorded fields.
 */
class SignRechecksTheTbsTest {
    private static final KeyAlgorithm ALGORITHM = KeyAlgorithm.ECDSA_P256;

    @Test
    void finding1_aHandBuiltRogueSubCaNamingThisCaIsNotSigned() throws Exception {
        CertificateAuthority ca = TestCas.hierarchy(ALGORITHM).issuing();
        CertificateIssuer issuer = CertificateIssuerTest.issuer(ALGORITHM);
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plusYears(100).toInstant();
        BigInteger serial = SerialNumbers.next();
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(ALGORITHM.generateKeyPair().getPublic().getEncoded());

        V3TBSCertificateGenerator rogue = new V3TBSCertificateGenerator();
        rogue.setSerialNumber(new ASN1Integer(serial));
        rogue.setSignature(ALGORITHM.signatureAlgorithm());
        rogue.setIssuer(ca.subject());
        rogue.setStartDate(Asn1Time.time(notBefore));
        rogue.setEndDate(Asn1Time.time(notAfter));
        rogue.setSubject(new X500Name("C=CN,O=Rogue,CN=Rogue Sub-CA"));
        rogue.setSubjectPublicKeyInfo(key);
        rogue.setExtensions(new Extensions(new Extension[] {
            new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded()),
            new Extension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature).getEncoded()),
            new Extension(Extension.subjectKeyIdentifier, false,
                    new BcX509ExtensionUtils().createSubjectKeyIdentifier(key).getEncoded()),
            new Extension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(ca.keyIdentifier()).getEncoded()),
        }));
        byte[] tbs = rogue.generateTBSCertificate().getEncoded(ASN1Encoding.DER);

        for (String profile : new String[] {CertificateProfiles.ISSUING_CA, CertificateProfiles.EMPLOYER_SIGNING,
            CertificateProfiles.OCSP_SIGNER}) {
            PreparedCertificate prepared = new PreparedCertificate(serial, tbs, profile, notBefore, notAfter);
            assertThatThrownBy(() -> issuer.sign(prepared)).isInstanceOf(PkiException.class)
                    .satisfies(e -> assertThat(((PkiException) e).kind()).isEqualTo(PkiException.Kind.LINT))
                    .hasMessageContaining("refusing to sign");
        }
    }

    @Test
    void finding1_recordedSerialAndValidityMustBeTheTbsOnes() {
        CertificateIssuer issuer = CertificateIssuerTest.issuer(ALGORITHM);
        PreparedCertificate ok = issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(CertificateIssuerTest.NAME, CertificateIssuerTest.USCC),
                CertificateIssuerTest.csrFor(ALGORITHM).publicKey()));
        assertThat(issuer.sign(ok).serial()).isEqualTo(ok.serial());
        PreparedCertificate otherSerial = new PreparedCertificate(ok.serial().add(BigInteger.ONE), ok.tbs(),
                ok.profileId(), ok.notBefore(), ok.notAfter());
        PreparedCertificate otherStart = new PreparedCertificate(ok.serial(), ok.tbs(), ok.profileId(),
                ok.notBefore().minusSeconds(1), ok.notAfter());
        PreparedCertificate otherEnd = new PreparedCertificate(ok.serial(), ok.tbs(), ok.profileId(),
                ok.notBefore(), ok.notAfter().plusSeconds(1));
        PreparedCertificate otherProfile = new PreparedCertificate(ok.serial(), ok.tbs(),
                CertificateProfiles.EMPLOYER_ENCRYPTION, ok.notBefore(), ok.notAfter());
        PreparedCertificate noProfile = new PreparedCertificate(ok.serial(), ok.tbs(), "no-such-profile",
                ok.notBefore(), ok.notAfter());
        assertThatThrownBy(() -> issuer.sign(otherSerial)).hasMessageContaining("recorded serial");
        assertThatThrownBy(() -> issuer.sign(otherStart)).hasMessageContaining("recorded validity");
        assertThatThrownBy(() -> issuer.sign(otherEnd)).hasMessageContaining("recorded validity");
        assertThatThrownBy(() -> issuer.sign(otherProfile)).hasMessageContaining("keyUsage");
        assertThatThrownBy(() -> issuer.sign(noProfile)).isInstanceOf(PkiException.class);
    }

    /** A seal only vouches for the values it was made over: copied onto anything else, the full check runs. */
    @Test
    void finding1_aSealCopiedOntoOtherValuesIsWorthNothing() throws Exception {
        CertificateIssuer issuer = CertificateIssuerTest.issuer(ALGORITHM);
        PreparedCertificate ok = issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(CertificateIssuerTest.NAME, CertificateIssuerTest.USCC),
                CertificateIssuerTest.csrFor(ALGORITHM).publicKey()));
        assertThat(ok.seal()).hasSize(32);
        PreparedCertificate otherSerial = new PreparedCertificate(ok.serial().add(BigInteger.ONE), ok.tbs(),
                ok.profileId(), ok.notBefore(), ok.notAfter(), ok.seal());
        assertThatThrownBy(() -> issuer.sign(otherSerial)).hasMessageContaining("recorded serial");
        // A rogue TBS carrying a genuine seal of another certificate is parsed and linted, and refused.
        byte[] rogue = ok.tbs();
        rogue[rogue.length - 40] ^= 0x01;
        PreparedCertificate tampered = new PreparedCertificate(ok.serial(), rogue, ok.profileId(), ok.notBefore(),
                ok.notAfter(), ok.seal());
        assertThatThrownBy(() -> issuer.sign(tampered)).isInstanceOf(PkiException.class);
        // Another issuer object (as after a restart) does not accept this one's seal: it checks in full, and
        // the certificate, being genuine, passes.
        CertificateIssuer restarted = CertificateIssuerTest.issuer(ALGORITHM);
        assertThat(restarted.sign(ok).serial()).isEqualTo(ok.serial());
    }
}
