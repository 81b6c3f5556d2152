package org.orgcert.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;

/** R-CERT-5 as a platform reads it: the USCC from the identity-code extensions or the subject, checked. */
class EmployerIdentityTest {
    private static final String USCC_2023 = "1.2.156.10260.4.4";
    private static final String OTHER_USCC = Uscc.complete("91", "530102", "MA6K0001").value();

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rCert5_orgCertCertificatesNameTheEmployer(KeyAlgorithm algorithm) {
        KitCas.Employer employer = KitCas.family(algorithm).employer(Clock.systemUTC());
        EmployerIdentity identity = EmployerIdentity.of(employer.certificate());
        assertThat(identity.uscc()).isEqualTo(KitCas.USCC.value());
        assertThat(identity.name()).isEqualTo(KitCas.NAME);
        assertThat(identity.notAfter()).isAfter(identity.notBefore());
        assertThat(new BigInteger(identity.serial(), 16).bitLength()).isGreaterThan(64);
    }

    @Test
    void rCert5_theGmT0015_2023ExtensionIsReadWhenConfigured() throws IOException {
        KitCas.Family family = KitCas.family(KeyAlgorithm.ECDSA_P256);
        KitCas.Employer employer = family.employer(Clock.systemUTC(), CertificateProfiles.EMPLOYER_SIGNING,
                profilesWith("employer-signing.uscc-extension-oid=" + USCC_2023));
        IdentityOids both = new IdentityOids(IdentityOids.GM_T_0015_2012_IDENTITY_CODE, USCC_2023);
        assertThat(EmployerIdentity.of(employer.certificate(), both).uscc()).isEqualTo(KitCas.USCC.value());
        assertThat(EmployerIdentity.of(employer.certificate(), new IdentityOids(null, USCC_2023)).uscc())
                .isEqualTo(KitCas.USCC.value());
        assertThat(family.verifier().identityOids(both).build().getCertInfoByOid(employer.certificate(), USCC_2023))
                .isEqualTo(KitCas.USCC.value());
    }

    @Test
    void rCert5_withoutExtensionsTheSubjectSerialNumberCounts() throws Exception {
        byte[] der = certificate(KitCas.USCC.value(), null);
        assertThat(EmployerIdentity.of(der).uscc()).isEqualTo(KitCas.USCC.value());
        // O missing: CN names the employer.
        assertThat(EmployerIdentity.of(certificate(KitCas.USCC.value(), null, false)).name()).isEqualTo("CN " + KitCas.NAME);
    }

    @Test
    void rCert5_copiesThatDisagreeOrFailTheirCheckAreRefused() throws Exception {
        SignInVerifierTest.assertKind(() -> EmployerIdentity.of(certificate(KitCas.USCC.value(), OTHER_USCC)),
                KitException.Kind.INCONSISTENT_USCC);
        String wrongCheck = KitCas.USCC.value().substring(0, 17) + "X";
        SignInVerifierTest.assertKind(() -> EmployerIdentity.of(certificate(wrongCheck, null)), KitException.Kind.INVALID_USCC);
        SignInVerifierTest.assertKind(() -> EmployerIdentity.of(certificate(KitCas.USCC.value(), wrongCheck)),
                KitException.Kind.INVALID_USCC);
        SignInVerifierTest.assertKind(() -> EmployerIdentity.of(certificate(null, null)), KitException.Kind.NO_USCC);
        // A subject serialNumber that is no USCC at all (a CA's own number) yields to the extension.
        assertThat(EmployerIdentity.of(certificate("CA-0001", KitCas.USCC.value())).uscc()).isEqualTo(KitCas.USCC.value());
    }

    @Test
    void theUsccCheckFollowsGb32100() {
        assertThat(UsccCheck.isValid("91110000600037341L")).isTrue();
        assertThat(UsccCheck.isValid("91350100M000100Y43")).isTrue();
        assertThat(UsccCheck.isValid(OTHER_USCC)).isTrue();
        assertThat(UsccCheck.isValid("91110000600037341M")).isFalse(); // 18th check
        assertThat(UsccCheck.isValid("91110000600037351L")).isFalse(); // organisation code check
        assertThat(UsccCheck.isValid("91110000600037341l")).isFalse(); // exactly as written
        assertThat(UsccCheck.isValid("9111000060003734I1")).isFalse(); // I is not in the alphabet
        assertThat(UsccCheck.isValid(null)).isFalse();
        assertThat(UsccCheck.isValid("91110000600037341")).isFalse();
    }

    /** The built-in profiles with one more line. */
    static CertificateProfiles profilesWith(String line) throws IOException {
        try (InputStream in = CertificateProfiles.class.getResourceAsStream("profiles.properties")) {
            return CertificateProfiles.load(new StringReader(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n" + line + "\n"));
        }
    }

    private static byte[] certificate(String serialNumber, String identityCode) throws Exception {
        return certificate(serialNumber, identityCode, true);
    }

    /** A self-signed certificate with exactly these identity fields (no CA would issue the bad ones). */
    private static byte[] certificate(String serialNumber, String identityCode, boolean organisation) throws Exception {
        KeyPair key = KeyAlgorithm.ECDSA_P256.generateKeyPair();
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, new DERPrintableString("CN"));
        if (organisation) {
            name.addRDN(BCStyle.O, new DERUTF8String(KitCas.NAME));
        }
        name.addRDN(BCStyle.CN, new DERUTF8String("CN " + KitCas.NAME));
        if (serialNumber != null) {
            name.addRDN(BCStyle.SERIALNUMBER, new DERPrintableString(serialNumber));
        }
        X500Name subject = name.build();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, BigInteger.valueOf(4711),
                Date.from(Instant.now()), Date.from(Instant.now().plusSeconds(3600)), subject,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        if (identityCode != null) {
            builder.addExtension(new ASN1ObjectIdentifier(IdentityOids.GM_T_0015_2012_IDENTITY_CODE), false,
                    new DERPrintableString(identityCode));
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(new BouncyCastleProvider())
                .build(key.getPrivate())).getEncoded();
    }
}
