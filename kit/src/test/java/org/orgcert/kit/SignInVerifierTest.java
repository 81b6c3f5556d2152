package org.orgcert.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaFactory;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.CrlWriter;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.RevokedEntry;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.MutableClock;
import org.orgcert.pki.testing.TestCas;

/**
 * The GB/T 43694 server calls (R-USE-1: the platform checks the certificate and the signature) against
 * certificates of OrgCert's three CA families, signatures from OpenSSL (ECDSA, RSA) and Bouncy Castle (SM2),
 * and CRLs and OCSP answers served over HTTP inside the test.
 */
class SignInVerifierTest {
    private static final byte[] DATA = "orgcert-signin/1\nplatform: 昆明智慧就业".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_aFreshCertificateIsValidAndItsSignatureVerifies(KeyAlgorithm algorithm) {
        KitCas.Family family = KitCas.family(algorithm);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        SignInVerifier verifier = family.verifier().build();

        assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.VALID);
        byte[] signature = Signing.sign(algorithm, employer.key().getPrivate(), DATA, dir);
        verifier.verifySignedData(employer.certificate(), DATA, signature);
        verifier.verifySignedData(employer.certificate(), DATA, signature, expected(algorithm));

        assertThat(verifier.getCertInfoByOid(employer.certificate(), "1.2.156.10260.4.1.4")).isEqualTo(KitCas.USCC.value());
        assertThat(verifier.getCertInfoByOid(employer.certificate(), "1.2.156.10260.4.4")).isNull();
        EmployerIdentity identity = verifier.identity(employer.certificate());
        assertThat(identity.uscc()).isEqualTo(KitCas.USCC.value());
        assertThat(identity.name()).isEqualTo(KitCas.NAME);
        assertThat(identity.serial()).matches("[0-9A-F]+");
        assertThat(verifier.genRandom(32)).hasSize(32).isNotEqualTo(verifier.genRandom(32));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_aSignatureOverOtherDataOrByAnotherKeyIsBad(KeyAlgorithm algorithm) {
        KitCas.Family family = KitCas.family(algorithm);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        KitCas.Employer other = family.employer(Clock.systemUTC());
        SignInVerifier verifier = family.verifier().build();
        byte[] signature = Signing.sign(algorithm, employer.key().getPrivate(), DATA, dir);

        byte[] otherData = Arrays.copyOf(DATA, DATA.length + 1);
        assertKind(() -> verifier.verifySignedData(employer.certificate(), otherData, signature), KitException.Kind.BAD_SIGNATURE);
        assertKind(() -> verifier.verifySignedData(other.certificate(), DATA, signature), KitException.Kind.BAD_SIGNATURE);
        byte[] flipped = signature.clone();
        flipped[flipped.length - 1] ^= 1;
        assertKind(() -> verifier.verifySignedData(employer.certificate(), DATA, flipped), KitException.Kind.BAD_SIGNATURE);
    }

    @Test
    void rUse1_oneCertificateVerifiedFromManyThreadsAtOnceGivesEveryAnswerRight() throws Exception {
        // The kit keeps one SM2 verifier per key for reuse (its Z hash): threads must never share one.
        KitCas.Employer employer = KitCas.family(KeyAlgorithm.SM2).employer(Clock.systemUTC());
        SignInVerifier verifier = KitCas.family(KeyAlgorithm.SM2).verifier().build();
        byte[][] data = new byte[8][];
        byte[][] signatures = new byte[8][];
        for (int i = 0; i < data.length; i++) {
            data[i] = ("challenge " + i).getBytes(StandardCharsets.UTF_8);
            signatures[i] = Signing.sign(KeyAlgorithm.SM2, employer.key().getPrivate(), data[i], dir);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    int mistakes = 0;
                    for (int i = 0; i < 300; i++) {
                        int d = (i + offset) % data.length;
                        int s = i % 3 == 0 ? (d + 1) % data.length : d; // every third: another text's signature
                        boolean valid;
                        try {
                            verifier.verifySignedData(employer.certificate(), data[d], signatures[s]);
                            valid = true;
                        } catch (KitException e) {
                            valid = false;
                        }
                        mistakes += valid == (s == d) ? 0 : 1;
                    }
                    return mistakes;
                }));
            }
            for (var result : wrong) {
                assertThat(result.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rUse1_aSignatureOfAnotherAlgorithmIsRefusedAsSuch() {
        KitCas.Employer sm2 = KitCas.family(KeyAlgorithm.SM2).employer(Clock.systemUTC());
        KitCas.Employer ecdsa = KitCas.family(KeyAlgorithm.ECDSA_P256).employer(Clock.systemUTC());
        KitCas.Employer rsa = KitCas.family(KeyAlgorithm.RSA_3072).employer(Clock.systemUTC());
        SignInVerifier verifier = KitCas.family(KeyAlgorithm.SM2).verifier().build();
        byte[] rsaSignature = Signing.sign(KeyAlgorithm.RSA_3072, rsa.key().getPrivate(), DATA, dir);
        byte[] ecdsaSignature = Signing.sign(KeyAlgorithm.ECDSA_P256, ecdsa.key().getPrivate(), DATA, dir);

        // An RSA signature presented with an SM2 or ECDSA certificate, and an (r, s) pair with an RSA one.
        assertKind(() -> verifier.verifySignedData(sm2.certificate(), DATA, rsaSignature), KitException.Kind.WRONG_ALGORITHM);
        assertKind(() -> verifier.verifySignedData(ecdsa.certificate(), DATA, rsaSignature), KitException.Kind.WRONG_ALGORITHM);
        assertThatThrownBy(() -> verifier.verifySignedData(rsa.certificate(), DATA, ecdsaSignature))
                .isInstanceOf(KitException.class).hasMessageContaining("looks like an (r, s) pair")
                .extracting(e -> ((KitException) e).kind()).isEqualTo(KitException.Kind.WRONG_ALGORITHM);
        // A platform that expects one algorithm (SOF_SetSignMethod) refuses a certificate of another.
        assertKind(() -> verifier.verifySignedData(ecdsa.certificate(), DATA, ecdsaSignature, SignatureAlgorithm.SM3_WITH_SM2),
                KitException.Kind.WRONG_ALGORITHM);
        // An ECDSA-P256 signature is the same shape as SM2's; with an SM2 key it simply does not verify.
        assertKind(() -> verifier.verifySignedData(sm2.certificate(), DATA, ecdsaSignature), KitException.Kind.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_anotherCasCertificateIsUntrusted(KeyAlgorithm algorithm) {
        KitCas.Family family = KitCas.family(algorithm);
        SignInVerifier verifier = family.verifier().build();
        // TestCas's own issuing CA: the same root, but not the issuing CA this platform configured.
        KitCas.Employer sibling = family.employer(TestCas.hierarchy(algorithm).issuing(), Clock.systemUTC(),
                CertificateProfiles.EMPLOYER_SIGNING, CertificateProfiles.builtIn());
        assertThat(verifier.validateCertificate(sibling.certificate()).status()).isEqualTo(CertificateStatus.UNTRUSTED);
        // Another family's certificate.
        KeyAlgorithm otherAlgorithm = algorithm == KeyAlgorithm.SM2 ? KeyAlgorithm.ECDSA_P256 : KeyAlgorithm.SM2;
        KitCas.Employer other = KitCas.family(otherAlgorithm).employer(Clock.systemUTC());
        assertThat(verifier.validateCertificate(other.certificate()).status()).isEqualTo(CertificateStatus.UNTRUSTED);
        // Without the issuing-CA restriction, the sibling chains to the trusted root (and is then only
        // refused for its CRL, which no server here serves).
        SignInVerifier rootOnly = SignInVerifier.builder().trustAnchor(KitCas.encoded(family.root))
                .intermediate(KitCas.encoded(TestCas.hierarchy(algorithm).issuing())).build();
        assertThat(rootOnly.validateCertificate(sibling.certificate()).status()).isNotEqualTo(CertificateStatus.UNTRUSTED);
    }

    @Test
    void rUse1_aCaThatCopiesTheIssuingCasNameIsUntrusted() {
        KeyAlgorithm algorithm = KeyAlgorithm.ECDSA_P256;
        KitCas.Family family = KitCas.family(algorithm);
        CaFactory factory = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC());
        CertificateAuthority fakeRoot = factory.createRoot(PrivateKeySigner.of(algorithm.generateKeyPair()),
                family.root.subject());
        CertificateAuthority impostor = factory.createIssuing(fakeRoot, PrivateKeySigner.of(algorithm.generateKeyPair()),
                family.issuing.subject(), family.issuing.endpoints());
        KitCas.Employer forged = family.employer(impostor, Clock.systemUTC(), CertificateProfiles.EMPLOYER_SIGNING,
                CertificateProfiles.builtIn());
        CertificateValidation validation = family.verifier().build().validateCertificate(forged.certificate());
        assertThat(validation.status()).isEqualTo(CertificateStatus.UNTRUSTED);
        assertThat(validation.reason()).contains("chain does not validate");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_validityIsJudgedByTheVerifiersClock(KeyAlgorithm algorithm) {
        KitCas.Family family = KitCas.family(algorithm);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(1)));
        SignInVerifier verifier = family.verifier().clock(clock).build();
        assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.NOT_YET_VALID);
        clock.advance(Duration.ofDays(1 + 366));
        CertificateValidation expired = verifier.validateCertificate(employer.certificate());
        assertThat(expired.status()).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(expired.reason()).startsWith("expired at");
    }

    @Test
    void rUse1_anEncryptionCertificateCannotSignIn() {
        KitCas.Family family = KitCas.family(KeyAlgorithm.SM2);
        KitCas.Employer encryption = family.employer(Clock.systemUTC(), CertificateProfiles.EMPLOYER_ENCRYPTION,
                CertificateProfiles.builtIn());
        assertThat(family.verifier().build().validateCertificate(encryption.certificate()).status())
                .isEqualTo(CertificateStatus.NO_SIGNING_USAGE);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_aRevokedCertificateIsRevokedByTheCasCrl(KeyAlgorithm algorithm) {
        KitCas.Family family = KitCas.family(algorithm);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        KitCas.Employer revoked = family.employer(Clock.systemUTC());
        family.revoke(serial(revoked), RevocationReason.KEY_COMPROMISE);
        family.publishCrl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        SignInVerifier verifier = family.verifier().build();
        int before = family.crlDownloads.get();

        CertificateValidation validation = verifier.validateCertificate(revoked.certificate());
        assertThat(validation.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(validation.revokeReason()).isEqualTo("keyCompromise");
        assertThat(validation.revokedAt()).isBefore(Instant.now());
        assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.VALID);
        // One download: the CRL is kept until its nextUpdate.
        assertThat(family.crlDownloads.get() - before).isEqualTo(1);
    }

    @Test
    void rUse1_theCrlIsDownloadedAgainAfterItsNextUpdate() {
        KitCas.Family family = KitCas.family(KeyAlgorithm.ECDSA_P256);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        MutableClock clock = new MutableClock(Instant.now());
        SignInVerifier verifier = family.verifier().clock(clock).build();
        try {
            family.publishCrl(clock.instant().minusSeconds(60), clock.instant().plus(Duration.ofHours(1)));
            int before = family.crlDownloads.get();
            assertThat(verifier.validateCertificate(employer.certificate()).isValid()).isTrue();
            assertThat(verifier.validateCertificate(employer.certificate()).isValid()).isTrue();
            assertThat(family.crlDownloads.get() - before).isEqualTo(1);

            family.revoke(serial(employer), RevocationReason.SUPERSEDED);
            clock.advance(Duration.ofHours(2)); // past nextUpdate: the next validation downloads the new CRL
            family.publishCrl(clock.instant().minusSeconds(60), clock.instant().plus(Duration.ofHours(1)));
            assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.REVOKED);
            assertThat(family.crlDownloads.get() - before).isEqualTo(2);
        } finally {
            family.publishCrl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        }
    }

    @Test
    void rUse1_aCrlThatCannotBeTrustedLeavesTheStatusUnknown() {
        KitCas.Family family = KitCas.family(KeyAlgorithm.ECDSA_P256);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        byte[] good = family.crl;
        try {
            // Another CA's CRL at this CA's URL (signature and issuer wrong).
            family.crl = KitCas.family(KeyAlgorithm.SM2).crl;
            assertUnknown(family.verifier().build(), employer, "not the issuing CA's CRL");
            // The right CA's name, another key.
            CertificateAuthority impostor = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC()).createIssuing(
                    family.root, PrivateKeySigner.of(KeyAlgorithm.ECDSA_P256.generateKeyPair()), family.issuing.subject(),
                    family.issuing.endpoints());
            family.crl = new CrlWriter(impostor).toBytes(CrlParameters.full(BigInteger.ONE, Instant.now().minusSeconds(60),
                    Instant.now().plus(Duration.ofDays(1))), java.util.Collections.emptyIterator());
            assertUnknown(family.verifier().build(), employer, "signature does not verify");
            // Stale: nextUpdate has passed.
            family.publishCrl(Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(1)));
            assertUnknown(family.verifier().build(), employer, "not current");
            // Not DER, truncated.
            family.crl = Arrays.copyOf(good, good.length - 10);
            assertUnknown(family.verifier().build(), employer, "not DER");
            // Larger than the platform allows.
            family.crl = good;
            assertUnknown(family.verifier().maxCrlBytes(1024).build(), bigCrlFamily(family), "more than 1024 bytes");
        } finally {
            family.crl = good;
            family.publishCrl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        }
    }

    /** Makes the family's CRL larger than 1 KiB and returns an employer to ask about. */
    private static KitCas.Employer bigCrlFamily(KitCas.Family family) {
        var entries = IntStream.range(0, 60).mapToObj(i -> new RevokedEntry(BigInteger.valueOf(1_000_000 + i),
                Instant.now().minusSeconds(5), RevocationReason.SUPERSEDED)).iterator();
        family.crl = new CrlWriter(family.issuing).toBytes(CrlParameters.full(BigInteger.valueOf(9_999),
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))), entries);
        assertThat(family.crl.length).isGreaterThan(1024);
        return family.employer(Clock.systemUTC());
    }

    @Test
    void rUse1_anUnreachableCrlLeavesTheStatusUnknownAndIsNotAskedAgainAtOnce() {
        KeyAlgorithm algorithm = KeyAlgorithm.ECDSA_P256;
        KitCas.Family family = KitCas.family(algorithm);
        // An issuing CA whose status URLs point at a port nobody listens on.
        CertificateAuthority nowhere = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC()).createIssuing(
                family.root, PrivateKeySigner.of(algorithm.generateKeyPair()),
                CaFactory.name(TestCas.ORGANISATION, "Kit Test Unreachable CA"), CaEndpoints.under("http://127.0.0.1:1/status"));
        KitCas.Employer employer = family.employer(nowhere, Clock.systemUTC(), CertificateProfiles.EMPLOYER_SIGNING,
                CertificateProfiles.builtIn());
        SignInVerifier verifier = SignInVerifier.builder().trustAnchor(KitCas.encoded(family.root))
                .issuingCa(KitCas.encoded(nowhere)).httpTimeout(Duration.ofSeconds(2)).build();
        CertificateValidation first = verifier.validateCertificate(employer.certificate());
        assertThat(first.status()).isEqualTo(CertificateStatus.STATUS_UNKNOWN);
        assertThat(first.reason()).contains("no usable CRL from http://127.0.0.1:1/status/crl");
        assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.STATUS_UNKNOWN);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_ocspWithANonceGivesTheStatusAtOnce(KeyAlgorithm algorithm) {
        KitCas.Family family = KitCas.family(algorithm);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        SignInVerifier verifier = family.verifier().revocationSource(RevocationSource.OCSP).build();
        int before = family.ocspRequests.get();
        assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.VALID);
        family.revoke(serial(employer), RevocationReason.CESSATION_OF_OPERATION);
        CertificateValidation revoked = verifier.validateCertificate(employer.certificate());
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.revokeReason()).isEqualTo("cessationOfOperation");
        assertThat(family.ocspRequests.get() - before).isEqualTo(2);
    }

    @Test
    void rUse1_anOcspAnswerWithoutOurNonceOrFromElsewhereIsNotBelieved() {
        KitCas.Family family = KitCas.family(KeyAlgorithm.ECDSA_P256);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        SignInVerifier verifier = family.verifier().revocationSource(RevocationSource.OCSP).build();
        try {
            // A replayed "good" answer: signed by the responder, but for a request with another nonce.
            byte[][] recorded = new byte[1][];
            family.ocspAnswer = request -> recorded[0] = family.responder.respond(request);
            assertThat(verifier.validateCertificate(employer.certificate()).isValid()).isTrue();
            family.ocspAnswer = request -> recorded[0];
            CertificateValidation replayed = verifier.validateCertificate(employer.certificate());
            assertThat(replayed.status()).isEqualTo(CertificateStatus.STATUS_UNKNOWN);
            assertThat(replayed.reason()).contains("nonce");
            // Another CA's responder answers (unauthorized / wrong signer), and garbage.
            family.ocspAnswer = request -> KitCas.family(KeyAlgorithm.SM2).responder.respond(request);
            assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.STATUS_UNKNOWN);
            family.ocspAnswer = request -> new byte[] {0x30, 0x03, 0x0A, 0x01, 0x00};
            assertThat(verifier.validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.STATUS_UNKNOWN);
            // OCSP_ELSE_CRL falls back to the CRL.
            assertThat(family.verifier().revocationSource(RevocationSource.OCSP_ELSE_CRL).build()
                    .validateCertificate(employer.certificate()).status()).isEqualTo(CertificateStatus.VALID);
        } finally {
            family.answerOcspAt(Clock.systemUTC());
        }
    }

    @Test
    void badBytesAreMalformedNeverAnException() {
        KitCas.Family family = KitCas.family(KeyAlgorithm.SM2);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        SignInVerifier verifier = family.verifier().build();
        byte[] der = employer.certificate();
        Random random = new Random(13);
        // Seeded, but the certificate is new each run: 2,000 mutations cover what one run's seed would miss.
        for (int i = 0; i < 2000; i++) {
            byte[] bad = switch (i % 4) {
                case 0 -> Arrays.copyOf(der, random.nextInt(der.length)); // truncated
                case 1 -> { // one byte changed
                    byte[] b = der.clone();
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                    yield b;
                }
                case 2 -> { // random bytes
                    byte[] b = new byte[random.nextInt(2000)];
                    random.nextBytes(b);
                    yield b;
                }
                default -> { // trailing bytes
                    byte[] b = Arrays.copyOf(der, der.length + 1 + random.nextInt(4));
                    yield b;
                }
            };
            CertificateValidation validation = verifier.validateCertificate(bad);
            assertThat(validation.status()).as(HexFormat.of().formatHex(bad))
                    .isIn(CertificateStatus.MALFORMED, CertificateStatus.UNTRUSTED);
            for (Runnable call : new Runnable[] {
                () -> verifier.getCertInfoByOid(bad, "1.2.156.10260.4.1.4"),
                () -> verifier.verifySignedData(bad, DATA, new byte[70]),
                () -> EmployerIdentity.of(bad)}) {
                try {
                    call.run();
                } catch (KitException expected) {
                    // typed: fine
                }
            }
        }
        assertThat(verifier.validateCertificate(null).status()).isEqualTo(CertificateStatus.MALFORMED);
        assertThat(verifier.validateCertificate(new byte[20_000]).reason()).contains("at most 16384");
        // BER instead of DER: the same certificate with a long-form length where the short one fits.
        assertThat(verifier.validateCertificate(berLength(der)).reason()).contains("not DER");
        // Random and truncated signatures are typed too.
        for (int i = 0; i < 200; i++) {
            byte[] signature = new byte[random.nextInt(400)];
            random.nextBytes(signature);
            if (i % 2 == 0 && signature.length > 0) {
                signature[0] = 0x30;
            }
            try {
                verifier.verifySignedData(der, DATA, signature);
            } catch (KitException e) {
                assertThat(e.kind()).isIn(KitException.Kind.BAD_SIGNATURE, KitException.Kind.WRONG_ALGORITHM);
            }
        }
        assertKind(() -> verifier.getCertInfoByOid(der, "not.an.oid"), KitException.Kind.BAD_ARGUMENT);
        assertKind(() -> verifier.genRandom(0), KitException.Kind.BAD_ARGUMENT);
    }

    /** The certificate with its outermost length written in one octet more than needed (BER, not DER). */
    private static byte[] berLength(byte[] der) {
        int lengthOctets = der[1] & 0x7F;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(0x80 | (lengthOctets + 1));
        out.write(0);
        out.write(der, 2, der.length - 2);
        return out.toByteArray();
    }

    static SignatureAlgorithm expected(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case SM2 -> SignatureAlgorithm.SM3_WITH_SM2;
            case ECDSA_P256 -> SignatureAlgorithm.SHA256_WITH_ECDSA;
            case RSA_3072 -> SignatureAlgorithm.SHA256_WITH_RSA;
        };
    }

    static BigInteger serial(KitCas.Employer employer) {
        return new BigInteger(EmployerIdentity.of(employer.certificate()).serial(), 16);
    }

    private static void assertUnknown(SignInVerifier verifier, KitCas.Employer employer, String why) {
        CertificateValidation validation = verifier.validateCertificate(employer.certificate());
        assertThat(validation.status()).isEqualTo(CertificateStatus.STATUS_UNKNOWN);
        assertThat(validation.reason()).contains(why);
    }

    static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, KitException.Kind kind) {
        assertThatThrownBy(call).isInstanceOf(KitException.class)
                .satisfies(e -> assertThat(((KitException) e).kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
