package org.orgcert.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.pki.testing.TestCas;

/**
 * R-CERT-5: the USCC under the GM/T 0015-2023 USCC extension, a profile setting ({@code uscc-extension-oid})
 * that is off by default because the 2023 edition's OID could not be confirmed (docs/pki.md).
 */
class UsccExtensionTest {
    private static final String IDENTITY_CODE = "1.2.156.10260.4.1.4";
    private static final String USCC_2023 = "1.2.156.10260.4.4";

    @TempDir
    Path dir;

    private static CertificateProfiles withUsccExtension() {
        return CertificateIssuerTest.withOverride("employer-signing.uscc-extension-oid=" + USCC_2023);
    }

    private static CertificateIssuer issuer(KeyAlgorithm algorithm, CertificateProfiles profiles) {
        return new CertificateIssuer(TestCas.hierarchy(algorithm).issuing(), profiles, Clock.systemUTC());
    }

    private static PreparedCertificate prepare(KeyAlgorithm algorithm, CertificateProfiles profiles) {
        return issuer(algorithm, profiles).prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(CertificateIssuerTest.NAME, CertificateIssuerTest.USCC),
                CertificateIssuerTest.csrFor(algorithm).publicKey()));
    }

    private static List<String> findings(TBSCertificate tbs, CertificateProfiles profiles) {
        CertificateAuthority ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256).issuing();
        return CertificateLinter.findings(tbs, profiles.get(CertificateProfiles.EMPLOYER_SIGNING),
                new CertificateLinter.Issuer(ca.subject(), ca.keyIdentifier(), ca.notBefore(), ca.notAfter(),
                        ca.algorithm(), ca.endpoints()), Instant.now());
    }

    /** {@code tbs} with the extension {@code oid} set to {@code value} (added when missing). */
    private static TBSCertificate withExtension(TBSCertificate tbs, String oid, String value) throws Exception {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(tbs.getSerialNumber());
        g.setSignature(tbs.getSignature());
        g.setIssuer(tbs.getIssuer());
        g.setStartDate(tbs.getStartDate());
        g.setEndDate(tbs.getEndDate());
        g.setSubject(tbs.getSubject());
        g.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
        Extension replacement = new Extension(new ASN1ObjectIdentifier(oid), false,
                new DERPrintableString(value).getEncoded());
        List<Extension> extensions = new java.util.ArrayList<>();
        for (ASN1ObjectIdentifier id : tbs.getExtensions().getExtensionOIDs()) {
            if (!id.getId().equals(oid)) {
                extensions.add(tbs.getExtensions().getExtension(id));
            }
        }
        extensions.add(replacement);
        g.setExtensions(new Extensions(extensions.toArray(Extension[]::new)));
        return g.generateTBSCertificate();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rCert5_aProfileWithTheSettingCarriesTheUsccUnderBothOidsAndOpenSslShowsThem(KeyAlgorithm algorithm)
            throws Exception {
        CertificateProfiles profiles = withUsccExtension();
        CertificateIssuer issuer = issuer(algorithm, profiles);
        byte[] der = issuer.sign(issuer.prepare(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer(CertificateIssuerTest.NAME, CertificateIssuerTest.USCC),
                CertificateIssuerTest.csrFor(algorithm).publicKey()))).der();
        X509CertificateHolder cert = new X509CertificateHolder(der);
        for (String oid : List.of(IDENTITY_CODE, USCC_2023)) {
            Extension extension = cert.getExtension(new ASN1ObjectIdentifier(oid));
            assertThat(extension.isCritical()).isFalse();
            assertThat(DERPrintableString.getInstance(extension.getParsedValue()).getString())
                    .isEqualTo(CertificateIssuerTest.USCC.value());
        }
        Path pem = OpenSsl.writePem(dir.resolve("employer.pem"), "CERTIFICATE", der);
        OpenSsl.Result text = OpenSsl.run(dir, "x509", "-in", pem.toString(), "-noout", "-text");
        assertThat(text.ok()).isTrue();
        // OpenSSL knows neither OID: it prints each by number with the PrintableString's raw bytes after it.
        assertThat(text.output()).containsSubsequence(IDENTITY_CODE + ":", CertificateIssuerTest.USCC.value(),
                USCC_2023 + ":", CertificateIssuerTest.USCC.value());
        OpenSsl.Result parsed = OpenSsl.run(dir, "asn1parse", "-in", pem.toString());
        assertThat(parsed.output()).contains(":" + USCC_2023);
    }

    @Test
    void rCert5_theBuiltInProfilesEmitNoSecondExtension() {
        TBSCertificate tbs = TBSCertificate.getInstance(prepare(KeyAlgorithm.ECDSA_P256, CertificateProfiles.builtIn()).tbs());
        assertThat(CertificateProfiles.builtIn().get(CertificateProfiles.EMPLOYER_SIGNING).usccExtensionOid()).isNull();
        assertThat(tbs.getExtensions().getExtension(new ASN1ObjectIdentifier(USCC_2023))).isNull();
        assertThat(tbs.getExtensions().getExtension(new ASN1ObjectIdentifier(IDENTITY_CODE))).isNotNull();
    }

    @Test
    void rCert5_theLinterRefusesAWrongMissingOrUnnamedUsccExtension() throws Exception {
        CertificateProfiles profiles = withUsccExtension();
        TBSCertificate tbs = TBSCertificate.getInstance(prepare(KeyAlgorithm.ECDSA_P256, profiles).tbs());
        assertThat(findings(tbs, profiles)).isEmpty();

        String other = org.orgcert.pki.name.Uscc.complete("91", "530102", "MA6K0001").value();
        assertThat(findings(withExtension(tbs, USCC_2023, other), profiles))
                .containsExactly("USCC extension " + USCC_2023 + " must carry the subject's USCC as PrintableString");
        // The identity code is checked the same way, and the two are independent.
        assertThat(findings(withExtension(tbs, IDENTITY_CODE, other), profiles)).containsExactly(
                "identity-code extension " + IDENTITY_CODE + " must carry the subject's USCC as PrintableString");

        // Without the setting, a certificate carrying the extension names one the profile does not.
        TBSCertificate plain = TBSCertificate.getInstance(prepare(KeyAlgorithm.ECDSA_P256, CertificateProfiles.builtIn()).tbs());
        assertThat(findings(withExtension(plain, USCC_2023, CertificateIssuerTest.USCC.value()), CertificateProfiles.builtIn()))
                .containsExactly("extension " + USCC_2023 + " is not allowed by the profile");
        // With the setting, a certificate without it is refused.
        assertThat(findings(plain, profiles)).containsExactly(
                "USCC extension " + USCC_2023 + " must carry the subject's USCC as PrintableString");
    }

    @Test
    void rCert5_badSettingsDoNotLoad() {
        String base = "e.kind=EMPLOYER_SIGNING\ne.validity=P1Y\ne.key-usage=DIGITAL_SIGNATURE\ne.key-algorithms=sm2\n"
                + "e.subject=CN\ne.identity-code-oid=" + IDENTITY_CODE + "\n";
        assertThatThrownBy(() -> CertificateProfiles.load(new StringReader(base + "e.uscc-extension-oid=" + IDENTITY_CODE)))
                .hasMessageContaining("uscc-extension-oid must differ from identity-code-oid");
        assertThatThrownBy(() -> CertificateProfiles.load(new StringReader(base + "e.uscc-extension-oid=1.2.x")))
                .hasMessageContaining("'uscc-extension-oid' = '1.2.x' is not valid");
    }
}
