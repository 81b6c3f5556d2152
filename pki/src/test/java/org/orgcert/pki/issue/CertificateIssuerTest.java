package org.orgcert.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.csr.CsrBuilder;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.csr.VerifiedCsr;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.pki.testing.TestCas;

/** Issuing employer certificates from CSRs (R-CERT-1, R-CERT-4, R-CERT-5), checked by OpenSSL. */
class CertificateIssuerTest {
    static final Uscc USCC = new Uscc("91110000600037341L");
    static final String NAME = "昆明市测试科技有限公司";

    @TempDir
    Path dir;

    static VerifiedCsr csrFor(KeyAlgorithm algorithm) {
        PrivateKeySigner key = PrivateKeySigner.of(algorithm.generateKeyPair());
        byte[] der = CsrBuilder.build(org.orgcert.pki.ca.CaFactory.name("ignored", "requested by the token"), key);
        return new CsrParser().parse(der);
    }

    static CertificateIssuer issuer(KeyAlgorithm algorithm) {
        return new CertificateIssuer(TestCas.hierarchy(algorithm).issuing(), CertificateProfiles.builtIn(),
                Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void employerCertificateFollowsTheProfile_R_CERT_4_R_CERT_5(KeyAlgorithm algorithm) throws Exception {
        VerifiedCsr csr = csrFor(algorithm);
        IssuedCertificate issued = issuer(algorithm).issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(NAME, USCC), csr.publicKey()));
        X509CertificateHolder cert = issued.holder();

        assertThat(cert.getSubject().toString()).isEqualTo(
                // 110000: registered with a province-level authority (Beijing), so ST and no L (DivisionPlace).
                "C=CN,ST=北京市,O=" + NAME + ",CN=" + NAME + ",SERIALNUMBER=" + USCC.value());
        assertThat(EmployerNames.uscc(cert.getSubject())).isEqualTo(USCC.value());
        // R-CERT-4: one year
        assertThat(cert.getNotAfter().toInstant().atOffset(ZoneOffset.UTC))
                .isEqualTo(cert.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).plusYears(1));
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(113);
        KeyUsage usage = KeyUsage.fromExtensions(cert.getExtensions());
        assertThat(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)).isTrue();
        assertThat(usage.hasUsages(KeyUsage.keyEncipherment)).isFalse();
        assertThat(cert.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(cert.getExtension(Extension.cRLDistributionPoints)).isNotNull();
        assertThat(cert.getExtension(Extension.authorityInfoAccess)).isNotNull();
        assertThat(cert.getExtension(Extension.subjectKeyIdentifier)).isNotNull();
        assertThat(cert.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
        assertThat(cert.getExtension(Extension.certificatePolicies)).isNotNull();
        Extension identity = cert.getExtension(new ASN1ObjectIdentifier("1.2.156.10260.4.1.4"));
        assertThat(DERPrintableString.getInstance(identity.getParsedValue()).getString()).isEqualTo(USCC.value());
        assertThat(cert.getSubjectPublicKeyInfo()).isEqualTo(csr.publicKey());
        assertThat(cert.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.provider())
                .build(TestCas.hierarchy(algorithm).issuing().certificate()))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void openSslVerifiesTheChain(KeyAlgorithm algorithm) throws Exception {
        CaHierarchy cas = TestCas.hierarchy(algorithm);
        IssuedCertificate issued = issuer(algorithm).issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(NAME, USCC), csrFor(algorithm).publicKey()));
        Path root = OpenSsl.writePem(dir.resolve("root.pem"), "CERTIFICATE", cas.root().certificate().getEncoded());
        Path issuing = OpenSsl.writePem(dir.resolve("issuing.pem"), "CERTIFICATE",
                cas.issuing().certificate().getEncoded());
        Path employer = OpenSsl.writePem(dir.resolve("employer.pem"), "CERTIFICATE", issued.der());
        if (algorithm == KeyAlgorithm.SM2) {
            // OpenSSL 3.0 applies the SM2 ID to the target certificate only: verify link by link.
            assertThat(OpenSsl.run(dir, "verify", "-vfyopt", "distid:1234567812345678", "-CAfile", root.toString(),
                    issuing.toString()).output()).contains("issuing.pem: OK");
            assertThat(OpenSsl.run(dir, "verify", "-partial_chain", "-vfyopt", "distid:1234567812345678",
                    "-CAfile", issuing.toString(), employer.toString()).output()).contains("employer.pem: OK");
        } else {
            OpenSsl.Result result = OpenSsl.run(dir, "verify", "-CAfile", root.toString(), "-untrusted",
                    issuing.toString(), employer.toString());
            assertThat(result.output()).contains("employer.pem: OK");
            assertThat(result.ok()).isTrue();
        }
        OpenSsl.Result text = OpenSsl.run(dir, "x509", "-in", employer.toString(), "-noout", "-subject",
                "-nameopt", "utf8,sep_comma_plus_space");
        assertThat(text.output()).contains("O=" + NAME).contains("serialNumber=" + USCC.value());
    }

    @Test
    void openSslRejectsATamperedCertificate() {
        CaHierarchy cas = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        byte[] der = issuer(KeyAlgorithm.ECDSA_P256).issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(NAME, USCC), csrFor(KeyAlgorithm.ECDSA_P256).publicKey())).der();
        int at = new String(der, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(USCC.value());
        der[at] = '8'; // a different USCC, same length
        Path root = OpenSsl.writePem(dir.resolve("root.pem"), "CERTIFICATE", encoded(cas.root().certificate()));
        Path issuing = OpenSsl.writePem(dir.resolve("issuing.pem"), "CERTIFICATE", encoded(cas.issuing().certificate()));
        Path employer = OpenSsl.writePem(dir.resolve("employer.pem"), "CERTIFICATE", der);
        OpenSsl.Result result = OpenSsl.run(dir, "verify", "-CAfile", root.toString(), "-untrusted",
                issuing.toString(), employer.toString());
        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("signature failure");
    }

    /**
     * One issuer serves every thread of the server: certificates prepared at once must each be right (a
     * digest shared between threads once gave a key another key's identifier, which lint then refused).
     */
    @Test
    void preparingFromManyThreadsAtOnceGivesCorrectCertificates() throws Exception {
        CertificateIssuer issuer = issuer(KeyAlgorithm.ECDSA_P256);
        List<SubjectPublicKeyInfo> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(csrFor(KeyAlgorithm.ECDSA_P256).publicKey());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<PreparedCertificate>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            SubjectPublicKeyInfo key = keys.get(i % keys.size());
            results.add(pool.submit(() -> issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                    new CertificateSubject.Employer(NAME, USCC), key))));
        }
        for (java.util.concurrent.Future<PreparedCertificate> result : results) {
            assertThat(result.get().tbs()).isNotEmpty(); // prepare lints: a wrong identifier would have thrown
        }
        pool.shutdown();
        X509CertificateHolder cert = issuer.sign(results.get(0).get()).holder();
        byte[] expected = java.security.MessageDigest.getInstance("SHA-1")
                .digest(cert.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        assertThat(org.bouncycastle.asn1.x509.SubjectKeyIdentifier.fromExtensions(cert.getExtensions())
                .getKeyIdentifier()).isEqualTo(expected);
    }

    @Test
    void serialsAreUniqueAndRandom() {
        CertificateIssuer issuer = issuer(KeyAlgorithm.ECDSA_P256);
        SubjectPublicKeyInfo key = csrFor(KeyAlgorithm.ECDSA_P256).publicKey();
        Set<java.math.BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            serials.add(issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                    new CertificateSubject.Employer(NAME, USCC), key)).serial());
        }
        assertThat(serials).hasSize(2000).allMatch(s -> s.signum() > 0 && s.bitLength() >= 113 && s.bitLength() <= 127);
    }

    @Test
    void prepareThenSignSignsExactlyTheRecordedBytes() throws Exception {
        CertificateIssuer issuer = issuer(KeyAlgorithm.SM2);
        PreparedCertificate prepared = issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(NAME, USCC), csrFor(KeyAlgorithm.SM2).publicKey()));
        // What the server would store and read back after a restart.
        PreparedCertificate reloaded = new PreparedCertificate(prepared.serial(), prepared.tbs(),
                prepared.profileId(), prepared.notBefore(), prepared.notAfter());
        IssuedCertificate issued = issuer.sign(reloaded);
        assertThat(issued.serial()).isEqualTo(prepared.serial());
        assertThat(issued.holder().toASN1Structure().getTBSCertificate().getEncoded())
                .isEqualTo(encodedTbs(prepared));
    }

    @Test
    void anotherCaRefusesToSignAPreparedCertificate() {
        PreparedCertificate prepared = issuer(KeyAlgorithm.ECDSA_P256).prepare(IssueRequest.of(
                CertificateProfiles.EMPLOYER_SIGNING, new CertificateSubject.Employer(NAME, USCC),
                csrFor(KeyAlgorithm.ECDSA_P256).publicKey()));
        assertThatThrownBy(() -> issuer(KeyAlgorithm.RSA_3072).sign(prepared))
                .isInstanceOf(PkiException.class).hasMessageContaining("not prepared by this CA");
    }

    @Test
    void theProfileNotTheCsrDecidesTheSubject() {
        VerifiedCsr csr = csrFor(KeyAlgorithm.ECDSA_P256);
        X509CertificateHolder cert = issuer(KeyAlgorithm.ECDSA_P256).issue(IssueRequest.of(
                CertificateProfiles.EMPLOYER_SIGNING, new CertificateSubject.Employer(NAME, USCC), csr.publicKey()))
                .holder();
        assertThat(csr.subject().toString()).contains("requested by the token");
        assertThat(cert.getSubject().toString()).doesNotContain("requested by the token");
    }

    @Test
    void lintRefusesAKeyTheProfileDoesNotAllow() {
        CertificateIssuer issuer = new CertificateIssuer(TestCas.hierarchy(KeyAlgorithm.ECDSA_P256).issuing(),
                CertificateProfiles.builtIn(), Clock.systemUTC());
        // An OCSP signer profile that only allows SM2 keys, fed an ECDSA key.
        var profiles = withOverride("ocsp-signer.key-algorithms=SM2");
        CertificateIssuer strict = new CertificateIssuer(TestCas.hierarchy(KeyAlgorithm.ECDSA_P256).issuing(),
                profiles, Clock.systemUTC());
        IssueRequest request = IssueRequest.of(CertificateProfiles.OCSP_SIGNER,
                new CertificateSubject.Named(org.orgcert.pki.ca.CaFactory.name("x", "y")),
                csrFor(KeyAlgorithm.ECDSA_P256).publicKey());
        assertThat(issuer.prepare(request)).isNotNull();
        assertThatThrownBy(() -> strict.prepare(request)).isInstanceOf(PkiException.class)
                .satisfies(e -> assertThat(((PkiException) e).kind()).isEqualTo(PkiException.Kind.LINT))
                .hasMessageContaining("does not allow ecdsa-p256 keys");
    }

    @Test
    void lintRefusesValidityBeyondTheProfileOrTheIssuer() {
        CertificateIssuer issuer = issuer(KeyAlgorithm.ECDSA_P256);
        Instant now = Instant.now();
        SubjectPublicKeyInfo key = csrFor(KeyAlgorithm.ECDSA_P256).publicKey();
        CertificateSubject employer = new CertificateSubject.Employer(NAME, USCC);
        // R-REN-1: an early renewal may carry over up to 31 days; more is refused.
        assertThat(issuer.prepare(new IssueRequest(CertificateProfiles.EMPLOYER_SIGNING, employer, key, now,
                now.atOffset(ZoneOffset.UTC).plusYears(1).plusDays(30).toInstant()))).isNotNull();
        assertThatThrownBy(() -> issuer.prepare(new IssueRequest(CertificateProfiles.EMPLOYER_SIGNING, employer,
                key, now, now.atOffset(ZoneOffset.UTC).plusYears(1).plusDays(40).toInstant())))
                .hasMessageContaining("longer than the profile's P1Y");
        assertThatThrownBy(() -> issuer.prepare(new IssueRequest(CertificateProfiles.EMPLOYER_SIGNING, employer,
                key, now.plus(Duration.ofDays(365 * 10)), null)))
                .hasMessageContaining("after the issuing CA's certificate");
        assertThatThrownBy(() -> issuer.prepare(new IssueRequest(CertificateProfiles.EMPLOYER_SIGNING, employer,
                key, now, now.minusSeconds(5))))
                .hasMessageContaining("must end after it starts");
    }

    @Test
    void lintRefusesBadNames() {
        CertificateIssuer issuer = issuer(KeyAlgorithm.ECDSA_P256);
        SubjectPublicKeyInfo key = csrFor(KeyAlgorithm.ECDSA_P256).publicKey();
        assertThatThrownBy(() -> issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer("  ", USCC), key))).hasMessageContaining("empty");
        assertThatThrownBy(() -> issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer("名".repeat(101), USCC), key))).hasMessageContaining("101 characters");
        assertThatThrownBy(() -> issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer("a\u0000b", USCC), key))).hasMessageContaining("control");
        assertThatThrownBy(() -> issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Named(org.orgcert.pki.ca.CaFactory.name("x", "y")), key)))
                .hasMessageContaining("needs an employer name and USCC");
    }

    static CertificateProfiles withOverride(String line) {
        try (var in = CertificateProfiles.class.getResourceAsStream("profiles.properties")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) + "\n" + line + "\n";
            return CertificateProfiles.load(new java.io.StringReader(text));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encodedTbs(PreparedCertificate prepared) {
        return prepared.tbs();
    }
}
