package org.orgcert.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.MutableClock;
import org.orgcert.pki.testing.TestCas;

/**
 * R-USE-1, signing in with the certificate: the docs/signin.md challenge issued by the kit, signed as the
 * assistant signs it (OpenSSL for ECDSA and RSA, Bouncy Castle for SM2), and every answer the verifier must
 * refuse.
 */
class ChallengeVerifierTest {
    private static final String PLATFORM = "kunming-jobs";
    private static final String ORIGIN = "https://job.km.example.cn";

    @TempDir
    Path dir;

    /** A platform's verifier for one CA family, with its own nonce store and clock. */
    private record Platform(ChallengeVerifier challenges, MutableClock clock, InMemoryNonceStore store) {
    }

    private static Platform platform(KeyAlgorithm algorithm) {
        // A few minutes ahead: certificates the test makes after this (RSA keys take seconds) are valid by then.
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofMinutes(5)));
        SignInVerifier verifier = KitCas.family(algorithm).verifier().clock(clock).build();
        InMemoryNonceStore store = new InMemoryNonceStore(1000, clock);
        return new Platform(new ChallengeVerifier(verifier, store), clock, store);
    }

    private static String presence() {
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static String signed(Challenge challenge) {
        return challenge.text() + "\npresence: " + presence();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, SignInRefused.Reason reason) {
        assertThatThrownBy(call).isInstanceOf(SignInRefused.class)
                .satisfies(e -> assertThat(((SignInRefused) e).reason()).as(e.getMessage()).isEqualTo(reason));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_anEmployerSignsInWithItsCertificate(KeyAlgorithm algorithm) {
        Platform p = platform(algorithm);
        KitCas.Employer employer = KitCas.family(algorithm).employer(Clock.systemUTC());
        Challenge challenge = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());

        assertThat(challenge.text()).matches("orgcert-signin/1\nplatform: kunming-jobs\norigin: https://job.km.example.cn\n"
                + "nonce: [A-Za-z0-9_-]{43}\ntime: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\ncertificate: [0-9a-f]{64}");
        String text = signed(challenge);
        SignIn signIn = p.challenges.verify(PLATFORM, ORIGIN, text, Signing.sign(employer, text, dir), employer.certificate());

        assertThat(signIn.employer().uscc()).isEqualTo(KitCas.USCC.value());
        assertThat(signIn.employer().name()).isEqualTo(KitCas.NAME);
        assertThat(signIn.platform()).isEqualTo(PLATFORM);
        assertThat(signIn.origin()).isEqualTo(ORIGIN);
        assertThat(signIn.presence()).isEqualTo(text.substring(text.length() - 43));
        assertThat(signIn.certificate()).isEqualTo(challenge.certificate());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rUse1_aSignatureOverAnotherChallengeIsRefused(KeyAlgorithm algorithm) {
        Platform p = platform(algorithm);
        KitCas.Employer employer = KitCas.family(algorithm).employer(Clock.systemUTC());
        Challenge first = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        Challenge second = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String signedFirst = signed(first);
        byte[] signature = Signing.sign(employer, signedFirst, dir);
        // The signature of the first challenge presented with the text of the second.
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, signed(second), signature, employer.certificate()),
                SignInRefused.Reason.BAD_SIGNATURE);
        // Another presence line than the one signed.
        Challenge third = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        byte[] thirdSignature = Signing.sign(employer, signed(third), dir);
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, signed(third), thirdSignature, employer.certificate()),
                SignInRefused.Reason.BAD_SIGNATURE);
    }

    @Test
    void rUse1_anAnswerIsAcceptedOnceAndNotAfterTwoMinutes() {
        Platform p = platform(KeyAlgorithm.ECDSA_P256);
        KitCas.Employer employer = KitCas.family(KeyAlgorithm.ECDSA_P256).employer(Clock.systemUTC());
        Challenge challenge = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String text = signed(challenge);
        byte[] signature = Signing.sign(employer, text, dir);
        p.challenges.verify(PLATFORM, ORIGIN, text, signature, employer.certificate());
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, text, signature, employer.certificate()),
                SignInRefused.Reason.REPLAYED);

        Challenge late = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String lateText = signed(late);
        byte[] lateSignature = Signing.sign(employer, lateText, dir);
        p.clock.advance(ChallengeVerifier.LIFETIME.plusSeconds(1));
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, lateText, lateSignature, employer.certificate()),
                SignInRefused.Reason.EXPIRED);
        // A challenge another platform (another store) issued is unknown here.
        Platform other = platform(KeyAlgorithm.ECDSA_P256);
        Challenge elsewhere = other.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String elsewhereText = signed(elsewhere);
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, elsewhereText, Signing.sign(employer, elsewhereText, dir),
                employer.certificate()), SignInRefused.Reason.UNKNOWN_CHALLENGE);
    }

    @Test
    void rUse1_anotherOriginOrPlatformIsRefused() {
        Platform p = platform(KeyAlgorithm.RSA_3072);
        KitCas.Employer employer = KitCas.family(KeyAlgorithm.RSA_3072).employer(Clock.systemUTC());
        // Presented from another origin than the challenge's (a page elsewhere relays the answer).
        Challenge a = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String aText = signed(a);
        assertRefused(() -> p.challenges.verify(PLATFORM, "https://evil.example", aText, Signing.sign(employer, aText, dir),
                employer.certificate()), SignInRefused.Reason.OTHER_ORIGIN);
        // The signed text names another origin than the one issued.
        Challenge b = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String bText = signed(b).replace("origin: " + ORIGIN, "origin: https://evil.example");
        assertRefused(() -> p.challenges.verify(PLATFORM, "https://evil.example", bText, Signing.sign(employer, bText, dir),
                employer.certificate()), SignInRefused.Reason.OTHER_ORIGIN);
        // A challenge of another platform presented here, and the reverse.
        Challenge c = p.challenges.issue("housing-fund", ORIGIN, employer.certificate());
        String cText = signed(c);
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, cText, Signing.sign(employer, cText, dir),
                employer.certificate()), SignInRefused.Reason.OTHER_PLATFORM);
        Challenge d = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String dText = signed(d).replace("platform: " + PLATFORM, "platform: housing-fund");
        assertRefused(() -> p.challenges.verify("housing-fund", ORIGIN, dText, Signing.sign(employer, dText, dir),
                employer.certificate()), SignInRefused.Reason.OTHER_PLATFORM);
        // The time line changed.
        Challenge e = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String eText = signed(e).replace("time: " + e.time(), "time: " + e.time().plusSeconds(60));
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, eText, Signing.sign(employer, eText, dir),
                employer.certificate()), SignInRefused.Reason.ALTERED);
    }

    @Test
    void rUse1_theCertificateMustBeTheOneNamedAndValid() {
        KeyAlgorithm algorithm = KeyAlgorithm.SM2;
        Platform p = platform(algorithm);
        KitCas.Family family = KitCas.family(algorithm);
        KitCas.Employer employer = family.employer(Clock.systemUTC());
        KitCas.Employer other = family.employer(Clock.systemUTC());
        // The challenge names one certificate; the answer comes with (and is signed by) another.
        Challenge named = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String namedText = signed(named);
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, namedText, Signing.sign(other, namedText, dir),
                other.certificate()), SignInRefused.Reason.OTHER_CERTIFICATE);
        // Another CA's certificate (same root, an issuing CA this platform did not configure).
        KitCas.Employer sibling = family.employer(TestCas.hierarchy(algorithm).issuing(), Clock.systemUTC(),
                CertificateProfiles.EMPLOYER_SIGNING, CertificateProfiles.builtIn());
        assertCertificateRefused(p, sibling, CertificateStatus.UNTRUSTED);
        // Revoked: the CA's CRL, served over HTTP in this test, lists it.
        KitCas.Employer revoked = family.employer(Clock.systemUTC());
        family.revoke(SignInVerifierTest.serial(revoked), RevocationReason.KEY_COMPROMISE);
        family.publishCrl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        assertCertificateRefused(platform(algorithm), revoked, CertificateStatus.REVOKED);
        // Expired: a year and a day later (the challenge is fresh; the certificate is not).
        Platform later = platform(algorithm);
        later.clock.advance(Duration.ofDays(367));
        assertCertificateRefused(later, employer, CertificateStatus.EXPIRED);
    }

    private void assertCertificateRefused(Platform p, KitCas.Employer employer, CertificateStatus status) {
        Challenge challenge = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String text = signed(challenge);
        assertThatThrownBy(() -> p.challenges.verify(PLATFORM, ORIGIN, text, Signing.sign(employer, text, dir),
                employer.certificate())).isInstanceOf(SignInRefused.class).satisfies(e -> {
                    assertThat(((SignInRefused) e).reason()).isEqualTo(SignInRefused.Reason.CERTIFICATE);
                    assertThat(((SignInRefused) e).certificateStatus()).as(e.getMessage()).isEqualTo(status);
                });
    }

    @Test
    void rUse1_aSignatureOfAnotherAlgorithmIsRefused() {
        Platform p = platform(KeyAlgorithm.ECDSA_P256);
        KitCas.Employer employer = KitCas.family(KeyAlgorithm.ECDSA_P256).employer(Clock.systemUTC());
        KitCas.Employer rsa = KitCas.family(KeyAlgorithm.RSA_3072).employer(Clock.systemUTC());
        Challenge challenge = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String text = signed(challenge);
        byte[] rsaSignature = Signing.sign(rsa, text, dir);
        assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, text, rsaSignature, employer.certificate()),
                SignInRefused.Reason.WRONG_ALGORITHM);
    }

    @Test
    void rUse1_malformedAnswersAreRefusedWithoutUsingAChallenge() {
        Platform p = platform(KeyAlgorithm.SM2);
        KitCas.Employer employer = KitCas.family(KeyAlgorithm.SM2).employer(Clock.systemUTC());
        Challenge challenge = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
        String text = signed(challenge);
        byte[] signature = Signing.sign(employer, text, dir);
        for (String bad : new String[] {
            null, "", challenge.text(), text + "\n", text.replace("\n", "\r\n"), text + "\npresence: " + presence(),
            text.substring(0, text.length() - 1), text.substring(0, text.length() - 1) + "=",
            text.replace("orgcert-signin/1", "orgcert-signin/2"), text.replace("time: ", "time:  "),
            text.replace("certificate: " + challenge.certificate(), "certificate: " + challenge.certificate().toUpperCase()),
            "x".repeat(5000)}) {
            assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, bad, signature, employer.certificate()),
                    SignInRefused.Reason.MALFORMED);
        }
        // Truncated and random certificates and signatures: typed refusals.
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Challenge c = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
            String t = signed(c);
            byte[] randomSignature = new byte[1 + random.nextInt(300)];
            random.nextBytes(randomSignature);
            assertThatThrownBy(() -> p.challenges.verify(PLATFORM, ORIGIN, t, randomSignature, employer.certificate()))
                    .isInstanceOf(SignInRefused.class).satisfies(e -> assertThat(((SignInRefused) e).reason())
                            .isIn(SignInRefused.Reason.BAD_SIGNATURE, SignInRefused.Reason.WRONG_ALGORITHM));
            Challenge d = p.challenges.issue(PLATFORM, ORIGIN, employer.certificate());
            String u = signed(d);
            byte[] truncated = Arrays.copyOf(employer.certificate(), random.nextInt(employer.certificate().length));
            assertRefused(() -> p.challenges.verify(PLATFORM, ORIGIN, u, signature, truncated),
                    SignInRefused.Reason.OTHER_CERTIFICATE);
        }
        // The untouched answer still works: nothing above used its challenge.
        assertThat(p.challenges.verify(PLATFORM, ORIGIN, text, signature, employer.certificate()).employer().uscc())
                .isEqualTo(KitCas.USCC.value());
    }

    @Test
    void issuingRefusesFieldsThatWouldBreakTheFormat() {
        Platform p = platform(KeyAlgorithm.SM2);
        String fingerprint = "0".repeat(64);
        for (String[] bad : new String[][] {
            {"", ORIGIN, fingerprint}, {"a\nb", ORIGIN, fingerprint}, {" a", ORIGIN, fingerprint},
            {PLATFORM, "https://a.example/path", fingerprint}, {PLATFORM, "javascript:alert(1)", fingerprint},
            {PLATFORM, ORIGIN, fingerprint.toUpperCase() + "A"}, {PLATFORM, ORIGIN, "0".repeat(63)}}) {
            SignInVerifierTest.assertKind(() -> p.challenges.issue(bad[0], bad[1], bad[2]), KitException.Kind.BAD_ARGUMENT);
        }
        assertThat(p.store.size()).isZero();
    }
}
