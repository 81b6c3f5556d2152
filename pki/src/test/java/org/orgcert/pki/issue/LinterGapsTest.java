package org.orgcert.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.Asn1Time;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.profile.CertificateProfile;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.profile.KeyUsageBit;
import org.orgcert.pki.testing.TestCas;

/** Review finding 3: criticality, pathLen, SKI, URLs, key family vs keyUsage, notBefore and subject text. */
class LinterGapsTest {
    private static final KeyAlgorithm ALGORITHM = KeyAlgorithm.ECDSA_P256;
    private static final CertificateProfiles PROFILES = CertificateProfiles.builtIn();
    private static final CertificateAuthority CA = TestCas.hierarchy(ALGORITHM).issuing();
    private static final CertificateLinter.Issuer ISSUER = new CertificateLinter.Issuer(CA.subject(),
            CA.keyIdentifier(), CA.notBefore(), CA.notAfter(), CA.algorithm(), CA.endpoints());

    /** A legitimate employer TBS, then edited. */
    private static TBSCertificate employer(String profile, KeyAlgorithm key) {
        PreparedCertificate prepared = CertificateIssuerTest.issuer(ALGORITHM).prepare(IssueRequest.of(profile,
                new CertificateSubject.Employer(CertificateIssuerTest.NAME, CertificateIssuerTest.USCC),
                CertificateIssuerTest.csrFor(key).publicKey()));
        return TBSCertificate.getInstance(prepared.tbs());
    }

    private static TBSCertificate edit(TBSCertificate tbs, Consumer<V3TBSCertificateGenerator> change,
            Consumer<List<Extension>> extensionChange) {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(tbs.getSerialNumber());
        g.setSignature(tbs.getSignature());
        g.setIssuer(tbs.getIssuer());
        g.setStartDate(tbs.getStartDate());
        g.setEndDate(tbs.getEndDate());
        g.setSubject(tbs.getSubject());
        g.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
        List<Extension> extensions = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : tbs.getExtensions().getExtensionOIDs()) {
            extensions.add(tbs.getExtensions().getExtension(oid));
        }
        extensionChange.accept(extensions);
        g.setExtensions(new Extensions(extensions.toArray(Extension[]::new)));
        change.accept(g);
        return g.generateTBSCertificate();
    }

    private static TBSCertificate replace(TBSCertificate tbs, ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
        return edit(tbs, g -> { }, list -> list.replaceAll(e -> e.getExtnId().equals(oid)
                ? new Extension(oid, critical, value) : e));
    }

    private static List<String> findings(TBSCertificate tbs, String profile) {
        return CertificateLinter.findings(tbs, PROFILES.get(profile), ISSUER, Instant.now());
    }

    private static byte[] value(TBSCertificate tbs, ASN1ObjectIdentifier oid) {
        return tbs.getExtensions().getExtension(oid).getExtnValue().getOctets();
    }

    @Test
    void finding3_theLegitimateCertificateHasNoFindings() {
        assertThat(findings(employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM), CertificateProfiles.EMPLOYER_SIGNING))
                .isEmpty();
    }

    @Test
    void finding3_criticalityOfEveryExtension() {
        TBSCertificate tbs = employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM);
        String p = CertificateProfiles.EMPLOYER_SIGNING;
        assertThat(findings(replace(tbs, Extension.authorityKeyIdentifier, true,
                value(tbs, Extension.authorityKeyIdentifier)), p)).anyMatch(f -> f.contains("authorityKeyIdentifier must not be critical"));
        assertThat(findings(replace(tbs, Extension.subjectKeyIdentifier, true,
                value(tbs, Extension.subjectKeyIdentifier)), p)).anyMatch(f -> f.contains("subjectKeyIdentifier must not be critical"));
        assertThat(findings(replace(tbs, Extension.keyUsage, false, value(tbs, Extension.keyUsage)), p))
                .anyMatch(f -> f.contains("keyUsage must be critical"));
        for (ASN1ObjectIdentifier oid : new ASN1ObjectIdentifier[] {Extension.extendedKeyUsage,
            Extension.cRLDistributionPoints, Extension.authorityInfoAccess, Extension.certificatePolicies,
            new ASN1ObjectIdentifier("1.2.156.10260.4.1.4")}) {
            assertThat(findings(replace(tbs, oid, true, value(tbs, oid)), p))
                    .anyMatch(f -> f.contains(oid + " must not be critical"));
        }
    }

    @Test
    void finding3_subjectKeyIdentifierIsTheSha1OfTheKey() {
        TBSCertificate tbs = employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM);
        byte[] other = value(employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM), Extension.subjectKeyIdentifier);
        assertThat(findings(replace(tbs, Extension.subjectKeyIdentifier, false, other), CertificateProfiles.EMPLOYER_SIGNING))
                .anyMatch(f -> f.contains("SHA-1 of the subject key"));
    }

    @Test
    void finding3_crlAndAiaUrlsAreTheCas() {
        TBSCertificate tbs = employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM);
        CaEndpoints elsewhere = CaEndpoints.under("http://evil.example/status");
        assertThat(findings(replace(tbs, Extension.cRLDistributionPoints, false, elsewhere.crlDistributionPoints()),
                CertificateProfiles.EMPLOYER_SIGNING)).anyMatch(f -> f.contains("cRLDistributionPoints must be the CA's CRL URL"));
        assertThat(findings(replace(tbs, Extension.authorityInfoAccess, false, elsewhere.authorityInfoAccess()),
                CertificateProfiles.EMPLOYER_SIGNING)).anyMatch(f -> f.contains("authorityInfoAccess must be the CA's"));
    }

    @Test
    void finding3_pathLenIsTheProfiles() throws Exception {
        CertificateAuthority root = TestCas.hierarchy(ALGORITHM).root();
        CertificateLinter.Issuer rootIssuer = new CertificateLinter.Issuer(root.subject(), root.keyIdentifier(),
                root.notBefore(), root.notAfter(), root.algorithm(), null);
        TBSCertificate issuing = CA.certificate().toASN1Structure().getTBSCertificate();
        CertificateProfile profile = PROFILES.get(CertificateProfiles.ISSUING_CA);
        assertThat(CertificateLinter.findings(issuing, profile, rootIssuer, Instant.now())).isEmpty();
        TBSCertificate longer = replace(issuing, Extension.basicConstraints, true, new BasicConstraints(3).getEncoded());
        assertThat(CertificateLinter.findings(longer, profile, rootIssuer, Instant.now()))
                .anyMatch(f -> f.contains("pathLen 0"));
    }

    @Test
    void finding3_keyUsageFollowsTheKeyFamily() throws Exception {
        // ECDSA P-256 encryption certificates get keyAgreement (RFC 5480 3); SM2 keeps the GM/T 0015 bits.
        TBSCertificate ecdsa = employer(CertificateProfiles.EMPLOYER_ENCRYPTION, KeyAlgorithm.ECDSA_P256);
        assertThat(KeyUsage.getInstance(ecdsa.getExtensions().getExtension(Extension.keyUsage).getParsedValue())
                .hasUsages(KeyUsage.keyAgreement)).isTrue();
        TBSCertificate sm2 = employer(CertificateProfiles.EMPLOYER_ENCRYPTION, KeyAlgorithm.SM2);
        assertThat(KeyUsage.getInstance(sm2.getExtensions().getExtension(Extension.keyUsage).getParsedValue())
                .hasUsages(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment)).isTrue();
        TBSCertificate enciphering = replace(ecdsa, Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment).getEncoded());
        assertThat(findings(enciphering, CertificateProfiles.EMPLOYER_ENCRYPTION))
                .anyMatch(f -> f.contains("ecdsa-p256 keys must not have") && f.contains("RFC 5480"));
        // And a profile that would give EC keys encipherment bits does not load.
        assertThatThrownBy(() -> CertificateIssuerTest.withOverride(
                "employer-encryption.key-usage.ecdsa-p256=KEY_ENCIPHERMENT"))
                .hasMessageContaining("ecdsa-p256 keys must not have");
        assertThat(KeyUsageBit.forbiddenFor(KeyAlgorithm.SM2, java.util.EnumSet.allOf(KeyUsageBit.class))).isEmpty();
    }

    @Test
    void finding3_notBeforeWithinTheIssuerAndNotInTheFuture() {
        TBSCertificate tbs = employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM);
        Instant beforeCa = CA.notBefore().minus(1, ChronoUnit.DAYS);
        TBSCertificate early = edit(tbs, g -> {
            g.setStartDate(Asn1Time.time(beforeCa));
            g.setEndDate(Asn1Time.time(beforeCa.atOffset(ZoneOffset.UTC).plusYears(1).toInstant()));
        }, l -> { });
        assertThat(findings(early, CertificateProfiles.EMPLOYER_SIGNING))
                .anyMatch(f -> f.contains("starts before the issuing CA's certificate"));
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        TBSCertificate future = edit(tbs, g -> {
            g.setStartDate(Asn1Time.time(tomorrow));
            g.setEndDate(Asn1Time.time(tomorrow.atOffset(ZoneOffset.UTC).plusYears(1).toInstant()));
        }, l -> { });
        assertThat(findings(future, CertificateProfiles.EMPLOYER_SIGNING)).anyMatch(f -> f.contains("after now"));
    }

    @Test
    void finding3_controlCharactersAndTheUsccExactlyAsEncoded() {
        TBSCertificate tbs = employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM);
        String name = CertificateIssuerTest.NAME;
        String uscc = CertificateIssuerTest.USCC.value();
        assertThat(findings(edit(tbs, g -> g.setSubject(subject(name + "\u0007", name + "\u0007", uscc)), l -> { }),
                CertificateProfiles.EMPLOYER_SIGNING)).anyMatch(f -> f.contains("control characters"));
        for (String bad : new String[] {uscc.toLowerCase(java.util.Locale.ROOT), " " + uscc, uscc + " "}) {
            TBSCertificate edited = edit(tbs, g -> g.setSubject(subject(name, name, bad)), list -> list.replaceAll(
                    e -> e.getExtnId().getId().equals("1.2.156.10260.4.1.4") ? new Extension(e.getExtnId(), false,
                            encoded(new DERPrintableString(bad))) : e));
            assertThat(findings(edited, CertificateProfiles.EMPLOYER_SIGNING))
                    .anyMatch(f -> f.contains("valid USCC exactly as encoded"));
        }
    }

    @Test
    void rCert5_stAndLAreExactlyWhatTheUsccsDivisionCodeProves() {
        TBSCertificate tbs = employer(CertificateProfiles.EMPLOYER_SIGNING, ALGORITHM);
        String name = CertificateIssuerTest.NAME;
        String qujing = org.orgcert.pki.name.Uscc.complete("91", "530302", "MA6K0001").value();
        // The old fixed place, 云南省 昆明市, for an employer registered in Qujing: refused.
        X500Name kunming = new X500Name(new RDN[] {
            new RDN(BCStyle.C, new DERPrintableString("CN")),
            new RDN(BCStyle.ST, new DERUTF8String("云南省")),
            new RDN(BCStyle.L, new DERUTF8String("昆明市")),
            new RDN(BCStyle.O, new DERUTF8String(name)),
            new RDN(BCStyle.CN, new DERUTF8String(name)),
            new RDN(BCStyle.SERIALNUMBER, new DERPrintableString(qujing)),
        });
        assertThat(findings(edit(tbs, g -> g.setSubject(kunming), l -> { }), CertificateProfiles.EMPLOYER_SIGNING))
                .anyMatch(f -> f.contains("employer subject must have L=曲靖市"));
        // An unknown division code: a place is refused, none is what the linter wants.
        String unknown = org.orgcert.pki.name.Uscc.complete("91", "999900", "MA6K0001").value();
        X500Name placed = new X500Name(new RDN[] {
            new RDN(BCStyle.C, new DERPrintableString("CN")),
            new RDN(BCStyle.ST, new DERUTF8String("云南省")),
            new RDN(BCStyle.O, new DERUTF8String(name)),
            new RDN(BCStyle.CN, new DERUTF8String(name)),
            new RDN(BCStyle.SERIALNUMBER, new DERPrintableString(unknown)),
        });
        assertThat(findings(edit(tbs, g -> g.setSubject(placed), l -> { }), CertificateProfiles.EMPLOYER_SIGNING))
                .anyMatch(f -> f.contains("employer subject must be C, O, CN, SERIALNUMBER in that order"));
    }

    private static X500Name subject(String o, String cn, String serialNumber) {
        return new X500Name(new RDN[] {
            new RDN(BCStyle.C, new DERPrintableString("CN")),
            new RDN(BCStyle.ST, new DERUTF8String("北京市")), // the USCC's 110000: a province, no L
            new RDN(BCStyle.O, new DERUTF8String(o)),
            new RDN(BCStyle.CN, new DERUTF8String(cn)),
            new RDN(BCStyle.SERIALNUMBER, new DERPrintableString(serialNumber)),
        });
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Object value) {
        try {
            return value.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
