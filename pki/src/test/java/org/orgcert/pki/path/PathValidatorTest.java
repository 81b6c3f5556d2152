package org.orgcert.pki.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.CrlWriter;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.RevokedEntry;
import org.orgcert.pki.csr.CsrBuilder;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.ocsp.CertificateStatus;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.pki.ocsp.OcspSettings;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.TestCas;

/**
 * A relying platform's check (R-USE interpretation): chain to the root plus status by OCSP or CRL, with
 * the CRLs and OCSP responses OrgCert itself produces, for every algorithm (SM2 through BC's PKIX).
 */
class PathValidatorTest {
    private static final Instant NOW = Instant.now();

    static X509CertificateHolder employerCertificate(KeyAlgorithm algorithm) {
        var csr = new CsrParser().parse(CsrBuilder.build(new X500Name("CN=t"),
                PrivateKeySigner.of(algorithm.generateKeyPair())));
        return new CertificateIssuer(TestCas.hierarchy(algorithm).issuing(), CertificateProfiles.builtIn(),
                Clock.systemUTC()).issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                new CertificateSubject.Employer("昆明市验证测试有限公司", new Uscc("91110000600037341L")),
                csr.publicKey())).holder();
    }

    static PathValidator validator(KeyAlgorithm algorithm) {
        return new PathValidator(List.of(TestCas.hierarchy(algorithm).root().certificate()), Clock.systemUTC());
    }

    static X509CRLHolder crl(KeyAlgorithm algorithm, CrlParameters parameters, List<RevokedEntry> entries) throws Exception {
        return new X509CRLHolder(new CrlWriter(TestCas.hierarchy(algorithm).issuing()).toBytes(parameters, entries.iterator()));
    }

    static byte[] ocsp(KeyAlgorithm algorithm, X509CertificateHolder certificate, CertificateStatus status) throws Exception {
        CaHierarchy cas = TestCas.hierarchy(algorithm);
        OcspResponder responder = new OcspResponder(cas.issuing(), cas.ocspSigner(),
                serial -> serial.equals(certificate.getSerialNumber()) ? status : CertificateStatus.UNKNOWN,
                Clock.systemUTC(), OcspSettings.of(Duration.ofHours(1)));
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider()).build()
                .get(CertificateID.HASH_SHA1), cas.issuing().certificate(), certificate.getSerialNumber());
        return responder.respond(new OCSPReqBuilder().addRequest(id).build().getEncoded());
    }

    static List<X509CertificateHolder> intermediates(KeyAlgorithm algorithm) {
        return List.of(TestCas.hierarchy(algorithm).issuing().certificate());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void goodByCrlAndByOcsp(KeyAlgorithm algorithm) throws Exception {
        X509CertificateHolder certificate = employerCertificate(algorithm);
        X509CRLHolder crl = crl(algorithm, CrlParameters.full(BigInteger.ONE, NOW.minusSeconds(60), NOW.plusSeconds(3600)),
                List.of(new RevokedEntry(BigInteger.valueOf(12345), NOW.minusSeconds(30), RevocationReason.KEY_COMPROMISE)));

        PathResult byCrl = validator(algorithm).validate(certificate, intermediates(algorithm), StatusEvidence.fromCrls(crl));
        assertThat(byCrl).isInstanceOf(PathResult.Valid.class);
        assertThat(((PathResult.Valid) byCrl).evidence()).isEqualTo("CRL");
        assertThat(((PathResult.Valid) byCrl).path()).hasSize(3);

        PathResult byOcsp = validator(algorithm).validate(certificate, intermediates(algorithm),
                StatusEvidence.fromOcsp(ocsp(algorithm, certificate, CertificateStatus.GOOD)));
        assertThat(byOcsp).isInstanceOf(PathResult.Valid.class);
        assertThat(((PathResult.Valid) byOcsp).evidence()).isEqualTo("OCSP");
    }

    /** R-FEE-2 / R-CH-7: a lost (keyCompromise) or cancelled certificate must be refused by relying platforms. */
    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void revokedByCrlAndByOcsp(KeyAlgorithm algorithm) throws Exception {
        X509CertificateHolder certificate = employerCertificate(algorithm);
        Instant revokedAt = NOW.minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        X509CRLHolder crl = crl(algorithm, CrlParameters.full(BigInteger.TWO, NOW.minusSeconds(5), NOW.plusSeconds(3600)),
                List.of(new RevokedEntry(certificate.getSerialNumber(), revokedAt, RevocationReason.KEY_COMPROMISE)));
        assertThat(validator(algorithm).validate(certificate, intermediates(algorithm), StatusEvidence.fromCrls(crl)))
                .isEqualTo(new PathResult.Revoked(revokedAt, RevocationReason.KEY_COMPROMISE));

        byte[] response = ocsp(algorithm, certificate,
                new CertificateStatus.Revoked(revokedAt, RevocationReason.CESSATION_OF_OPERATION));
        assertThat(validator(algorithm).validate(certificate, intermediates(algorithm), StatusEvidence.fromOcsp(response)))
                .isEqualTo(new PathResult.Revoked(revokedAt, RevocationReason.CESSATION_OF_OPERATION));
    }

    @Test
    void aDeltaCrlRevokesWhatTheFullCrlDoesNotYetList() throws Exception {
        KeyAlgorithm algorithm = KeyAlgorithm.ECDSA_P256;
        X509CertificateHolder certificate = employerCertificate(algorithm);
        Instant revokedAt = NOW.minusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        X509CRLHolder full = crl(algorithm, CrlParameters.full(BigInteger.valueOf(10), NOW.minusSeconds(60),
                NOW.plusSeconds(86400)), List.of());
        X509CRLHolder delta = crl(algorithm, CrlParameters.delta(BigInteger.valueOf(11), BigInteger.valueOf(10),
                NOW.minusSeconds(2), NOW.plusSeconds(600)),
                List.of(new RevokedEntry(certificate.getSerialNumber(), revokedAt, RevocationReason.SUPERSEDED)));
        assertThat(validator(algorithm).validate(certificate, intermediates(algorithm), StatusEvidence.fromCrls(full)))
                .isInstanceOf(PathResult.Valid.class);
        assertThat(validator(algorithm).validate(certificate, intermediates(algorithm), StatusEvidence.fromCrls(full, delta)))
                .isEqualTo(new PathResult.Revoked(revokedAt, RevocationReason.SUPERSEDED));
    }

    @Test
    void noStatusEvidenceIsNotGoodEnough() {
        KeyAlgorithm algorithm = KeyAlgorithm.ECDSA_P256;
        PathResult result = validator(algorithm).validate(employerCertificate(algorithm), intermediates(algorithm),
                new StatusEvidence(List.of(), List.of()));
        assertThat(result).isInstanceOf(PathResult.Invalid.class);
        assertThat(((PathResult.Invalid) result).reason()).contains("no usable status");
    }

    @Test
    void anExpiredCrlIsNotEvidence() throws Exception {
        KeyAlgorithm algorithm = KeyAlgorithm.ECDSA_P256;
        X509CRLHolder stale = crl(algorithm, CrlParameters.full(BigInteger.ONE, NOW.minusSeconds(7200),
                NOW.minusSeconds(3600)), List.of());
        PathResult result = validator(algorithm).validate(employerCertificate(algorithm), intermediates(algorithm),
                StatusEvidence.fromCrls(stale));
        assertThat(((PathResult.Invalid) result).reason()).contains("out of date");
    }

    @Test
    void anOcspAnswerForAnotherCaOrAnUnknownSerialIsRefused() throws Exception {
        X509CertificateHolder certificate = employerCertificate(KeyAlgorithm.ECDSA_P256);
        // The responder of another CA (RSA) says "good" for a serial it does not own: no matching CertID.
        byte[] foreign = ocsp(KeyAlgorithm.RSA_3072, employerCertificate(KeyAlgorithm.RSA_3072), CertificateStatus.GOOD);
        assertThat(validator(KeyAlgorithm.ECDSA_P256).validate(certificate, intermediates(KeyAlgorithm.ECDSA_P256),
                StatusEvidence.fromOcsp(foreign))).isInstanceOf(PathResult.Invalid.class);
        byte[] unknown = ocsp(KeyAlgorithm.ECDSA_P256, certificate, CertificateStatus.UNKNOWN);
        assertThat(validator(KeyAlgorithm.ECDSA_P256).validate(certificate, intermediates(KeyAlgorithm.ECDSA_P256),
                StatusEvidence.fromOcsp(unknown))).isInstanceOf(PathResult.Invalid.class);
        assertThat(validator(KeyAlgorithm.ECDSA_P256).validate(certificate, intermediates(KeyAlgorithm.ECDSA_P256),
                StatusEvidence.fromOcsp(new byte[] {1, 2, 3}))).isInstanceOf(PathResult.Invalid.class);
    }

    @Test
    void aChainToAnotherRootIsRefused() throws Exception {
        X509CertificateHolder certificate = employerCertificate(KeyAlgorithm.ECDSA_P256);
        PathValidator trustsOnlySm2 = validator(KeyAlgorithm.SM2);
        PathResult result = trustsOnlySm2.validate(certificate, intermediates(KeyAlgorithm.ECDSA_P256),
                StatusEvidence.fromOcsp(ocsp(KeyAlgorithm.ECDSA_P256, certificate, CertificateStatus.GOOD)));
        assertThat(result).isInstanceOf(PathResult.Invalid.class);
        assertThat(((PathResult.Invalid) result).reason()).contains("does not validate");
        // And a validator whose clock is past the certificate's expiry refuses it too.
        PathValidator later = new PathValidator(List.of(TestCas.hierarchy(KeyAlgorithm.ECDSA_P256).root().certificate()),
                Clock.fixed(NOW.plus(Duration.ofDays(400)), java.time.ZoneOffset.UTC));
        assertThat(later.validate(certificate, intermediates(KeyAlgorithm.ECDSA_P256), StatusEvidence.fromCrls()))
                .isInstanceOf(PathResult.Invalid.class);
    }
}
