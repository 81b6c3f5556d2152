package org.orgcert.pki.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.RevokedEntry;
import org.orgcert.pki.ocsp.CertificateStatus;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.pki.ocsp.OcspSettings;
import org.orgcert.pki.testing.TestCas;

/** Review finding 4: robustness against bad evidence, stale delta CRLs, several OCSP responses, OCSP age. */
class PathValidatorReviewTest {
    private static final KeyAlgorithm ALGORITHM = KeyAlgorithm.ECDSA_P256;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static byte[] ocsp(X509CertificateHolder certificate, CertificateStatus status, Clock clock) throws Exception {
        CaHierarchy cas = TestCas.hierarchy(ALGORITHM);
        OcspResponder responder = new OcspResponder(cas.issuing(), cas.ocspSigner(), serial -> status, clock,
                OcspSettings.of(Duration.ofHours(1)));
        return responder.respond(new OCSPReqBuilder().addRequest(certificateId(certificate)).build().getEncoded());
    }

    private static CertificateID certificateId(X509CertificateHolder certificate) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider()).build()
                .get(CertificateID.HASH_SHA1), TestCas.hierarchy(ALGORITHM).issuing().certificate(),
                certificate.getSerialNumber());
    }

    private static PathResult validate(X509CertificateHolder certificate, StatusEvidence evidence) {
        return PathValidatorTest.validator(ALGORITHM).validate(certificate, PathValidatorTest.intermediates(ALGORITHM),
                evidence);
    }

    @Test
    void finding4a_randomTruncatedAndBitFlippedOcspResponsesAndCrlsNeverMakeValidateThrow() throws Exception {
        X509CertificateHolder certificate = PathValidatorTest.employerCertificate(ALGORITHM);
        byte[] response = ocsp(certificate, CertificateStatus.GOOD, Clock.systemUTC());
        byte[] crl = PathValidatorTest.crl(ALGORITHM, CrlParameters.full(BigInteger.ONE, NOW.minusSeconds(60),
                NOW.plusSeconds(3600)), List.of(new RevokedEntry(certificate.getSerialNumber(), NOW.minusSeconds(30),
                RevocationReason.KEY_COMPROMISE))).getEncoded();
        Random random = new Random(20261124L);
        for (int round = 0; round < 40; round++) {
            List<byte[]> responses = new ArrayList<>();
            List<X509CRLHolder> crls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                responses.add(mutate(response, random));
            }
            for (int i = 0; i < 25; i++) {
                try {
                    crls.add(new X509CRLHolder(mutate(crl, random)));
                } catch (java.io.IOException | RuntimeException e) {
                    // the relying party's own parser refused it: no evidence to give
                }
            }
            StatusEvidence evidence = new StatusEvidence(crls, responses);
            assertThatCode(() -> validate(certificate, evidence)).as("round " + round).doesNotThrowAnyException();
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        switch (random.nextInt(4)) {
            case 0: {
                byte[] bytes = new byte[random.nextInt(valid.length + 1)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1:
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            default: {
                byte[] flipped = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    int at = random.nextInt(flipped.length);
                    flipped[at] ^= (byte) (1 << random.nextInt(8));
                }
                return flipped;
            }
        }
    }

    @Test
    void finding4b_aDeltaCrlNotNewerThanTheFullCrlIsIgnored() throws Exception {
        X509CertificateHolder certificate = PathValidatorTest.employerCertificate(ALGORITHM);
        Instant revokedAt = NOW.minusSeconds(100);
        X509CRLHolder full10 = PathValidatorTest.crl(ALGORITHM, CrlParameters.full(BigInteger.TEN, NOW.minusSeconds(60),
                NOW.plusSeconds(3600)), List.of(new RevokedEntry(certificate.getSerialNumber(), revokedAt,
                RevocationReason.CERTIFICATE_HOLD)));
        X509CRLHolder delta9 = PathValidatorTest.crl(ALGORITHM, CrlParameters.delta(BigInteger.valueOf(9),
                BigInteger.valueOf(8), NOW.minusSeconds(120), NOW.plusSeconds(3600)),
                List.of(new RevokedEntry(certificate.getSerialNumber(), revokedAt, RevocationReason.REMOVE_FROM_CRL)));
        assertThat(validate(certificate, StatusEvidence.fromCrls(full10, delta9)))
                .isEqualTo(new PathResult.Revoked(revokedAt, RevocationReason.CERTIFICATE_HOLD));
        // A delta that is newer than the full CRL does lift the hold.
        X509CRLHolder delta11 = PathValidatorTest.crl(ALGORITHM, CrlParameters.delta(BigInteger.valueOf(11),
                BigInteger.TEN, NOW.minusSeconds(10), NOW.plusSeconds(3600)),
                List.of(new RevokedEntry(certificate.getSerialNumber(), revokedAt, RevocationReason.REMOVE_FROM_CRL)));
        assertThat(validate(certificate, StatusEvidence.fromCrls(full10, delta9, delta11))).isInstanceOf(PathResult.Valid.class);
    }

    @Test
    void finding4c_revokedWinsOverGoodWhateverTheOrder() throws Exception {
        X509CertificateHolder certificate = PathValidatorTest.employerCertificate(ALGORITHM);
        Instant revokedAt = NOW.minusSeconds(50);
        byte[] good = ocsp(certificate, CertificateStatus.GOOD, Clock.systemUTC());
        byte[] revoked = ocsp(certificate, new CertificateStatus.Revoked(revokedAt, RevocationReason.KEY_COMPROMISE),
                Clock.fixed(NOW.minusSeconds(30), ZoneOffset.UTC));
        PathResult expected = new PathResult.Revoked(revokedAt, RevocationReason.KEY_COMPROMISE);
        assertThat(validate(certificate, StatusEvidence.fromOcsp(good, revoked))).isEqualTo(expected);
        assertThat(validate(certificate, StatusEvidence.fromOcsp(revoked, good))).isEqualTo(expected);
    }

    @Test
    void finding4c_otherwiseTheNewestThisUpdateCounts() throws Exception {
        X509CertificateHolder certificate = PathValidatorTest.employerCertificate(ALGORITHM);
        byte[] olderUnknown = ocsp(certificate, CertificateStatus.UNKNOWN, Clock.fixed(NOW.minusSeconds(200), ZoneOffset.UTC));
        byte[] newerGood = ocsp(certificate, CertificateStatus.GOOD, Clock.fixed(NOW.minusSeconds(10), ZoneOffset.UTC));
        assertThat(validate(certificate, StatusEvidence.fromOcsp(olderUnknown, newerGood))).isInstanceOf(PathResult.Valid.class);
        assertThat(validate(certificate, StatusEvidence.fromOcsp(newerGood, olderUnknown))).isInstanceOf(PathResult.Valid.class);
    }

    @Test
    void finding4c_aResponseWithoutNextUpdateMayBeAtMostSevenDaysOld() throws Exception {
        X509CertificateHolder certificate = PathValidatorTest.employerCertificate(ALGORITHM);
        byte[] eightDays = withoutNextUpdate(certificate, NOW.minus(Duration.ofDays(8)));
        byte[] oneDay = withoutNextUpdate(certificate, NOW.minus(Duration.ofDays(1)));
        PathResult stale = validate(certificate, StatusEvidence.fromOcsp(eightDays));
        assertThat(stale).isInstanceOf(PathResult.Invalid.class);
        assertThat(((PathResult.Invalid) stale).reason()).contains("out of date");
        assertThat(validate(certificate, StatusEvidence.fromOcsp(oneDay))).isInstanceOf(PathResult.Valid.class);
    }

    /** A good response signed by the delegated responder, with no nextUpdate (which RFC 6960 allows). */
    private static byte[] withoutNextUpdate(X509CertificateHolder certificate, Instant thisUpdate) throws Exception {
        CaHierarchy cas = TestCas.hierarchy(ALGORITHM);
        byte[] key = cas.ocspSigner().certificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        RespID id = new RespID(new ResponderID(new DEROctetString(
                java.security.MessageDigest.getInstance("SHA-1").digest(key))));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(id);
        builder.addResponse(certificateId(certificate), org.bouncycastle.cert.ocsp.CertificateStatus.GOOD,
                Date.from(thisUpdate), null, null);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                cas.ocspSigner().signer().contentSigner(), new X509CertificateHolder[] {cas.ocspSigner().certificate()},
                Date.from(thisUpdate))).getEncoded();
    }
}
