package org.orgcert.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.orgcert.key.TestTokens.AUTHORITY;
import static org.orgcert.key.TestTokens.NEW_PIN;
import static org.orgcert.key.TestTokens.PIN;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.service.UnlockRequest;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.Signatures;
import org.orgcert.token.Token;
import org.orgcert.token.TokenException;
import org.orgcert.token.TokenState;
import org.orgcert.token.UnblockChallenge;
import org.orgcert.token.UnblockResponse;

/** The assistant's operations on real software tokens and SoftHSM2 devices. */
class KeyAssistantTest {
    private static final byte[] LOGIN_CHALLENGE = "login 2026-06-15 nonce 8f3a".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void infoShowsTokenCertificateAndRenewalWindow_R_REN_1(Kind kind) {
        Instant notAfter = Instant.now().plus(Duration.ofDays(300)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Made made = TestTokens.personalised(kind, dir, notAfter);
        try (Token token = made.open()) {
            KeyInfo early = new KeyAssistant(Clock.fixed(notAfter.minus(Duration.ofDays(40)), ZoneOffset.UTC))
                    .info(token);
            assertThat(early.token().serial()).isEqualTo(made.serial());
            assertThat(early.token().label()).isEqualTo("label " + made.serial());
            assertThat(early.token().state()).isEqualTo(TokenState.PERSONALISED);
            assertThat(early.token().retriesLeft()).isEqualTo(6);
            assertThat(early.token().unblockCodesLeft()).isEqualTo(8);
            CertificateSummary certificate = early.certificate();
            assertThat(certificate.subject()).contains(TestTokens.EMPLOYER);
            assertThat(certificate.serialHex()).isEqualTo(new X509CertificateHolder(made.certificate()).getSerialNumber()
                    .toString(16).toUpperCase(java.util.Locale.ROOT));
            assertThat(certificate.notAfter()).isEqualTo(notAfter);
            assertThat(certificate.notBefore()).isBefore(Instant.now().plusSeconds(1));
            assertThat(early.renewal().open()).isFalse();
            assertThat(early.renewal().daysLeft()).isEqualTo(40);
            assertThat(early.renewal().opensOn())
                    .isEqualTo(LocalDate.ofInstant(notAfter.minus(Duration.ofDays(30)), RenewalWindow.SHANGHAI));
            assertThat(early.renewal().describe()).contains("renewal opens on " + early.renewal().opensOn());

            KeyInfo late = new KeyAssistant(Clock.fixed(notAfter.minus(Duration.ofDays(10)), ZoneOffset.UTC))
                    .info(token);
            assertThat(late.renewal().open()).isTrue();
            assertThat(late.renewal().daysLeft()).isEqualTo(10);
            assertThat(late.renewal().describe()).contains("renewal is open");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void changePinWithAWrongOldPinCountsATry_R_CERT_2(Kind kind) {
        Made made = TestTokens.personalised(kind, dir);
        KeyAssistant assistant = KeyAssistant.systemClock();
        try (Token token = made.open()) {
            TokenException wrong = catchThrowableOfType(TokenException.class,
                    () -> assistant.changePin(token, "Wrong1234".toCharArray(), NEW_PIN));
            assertThat(wrong.kind()).isEqualTo(TokenException.Kind.WRONG_PIN);
            assertThat(wrong.retriesLeft()).isEqualTo(5);
            assertThat(wrong.getMessage()).contains("5 tries left").doesNotContain("Wrong1234");
            assertThat(assistant.info(token).token().retriesLeft()).isEqualTo(5);

            TokenException policy = catchThrowableOfType(TokenException.class,
                    () -> assistant.changePin(token, PIN, "short".toCharArray()));
            assertThat(policy.kind()).isEqualTo(TokenException.Kind.PIN_POLICY);
            assertThat(assistant.info(token).token().retriesLeft()).as("a policy refusal costs no try").isEqualTo(5);

            assistant.changePin(token, PIN, NEW_PIN);
            assertThat(assistant.info(token).token().retriesLeft()).isEqualTo(6);
        }
        try (Token reopened = made.open()) {
            assertThat(catchThrowableOfType(TokenException.class, () -> assistant.sign(reopened, PIN, LOGIN_CHALLENGE))
                    .kind()).isEqualTo(TokenException.Kind.WRONG_PIN);
            assertThat(assistant.sign(reopened, NEW_PIN, LOGIN_CHALLENGE).signature()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void signatureVerifiesWithTheCertificatesKey_R_CERT_2(Kind kind) throws Exception {
        Made made = TestTokens.personalised(kind, dir);
        try (Token token = made.open()) {
            SignedData signed = KeyAssistant.systemClock().sign(token, PIN, LOGIN_CHALLENGE);
            assertThat(signed.certificate()).isEqualTo(made.certificate());
            PublicKey key = publicKey(signed.certificate(), kind);
            assertThat(Signatures.verify(key, LOGIN_CHALLENGE, signed.signature())).isTrue();
            assertThat(Signatures.verify(key, "other".getBytes(StandardCharsets.UTF_8), signed.signature())).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void signWithoutACertificateIsRefusedBeforeThePin(Kind kind) {
        Made made = TestTokens.withKeyOnly(kind, dir);
        try (Token token = made.open()) {
            KeyAssistantException e = catchThrowableOfType(KeyAssistantException.class,
                    () -> KeyAssistant.systemClock().sign(token, "Wrong1234".toCharArray(), LOGIN_CHALLENGE));
            assertThat(e.kind()).isEqualTo(KeyAssistantException.Kind.NO_CERTIFICATE);
            assertThat(token.info().retriesLeft()).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lockedTokenUnblocksWithTheBureausResponseAndANewPin_R_FEE_1_d(Kind kind) {
        Made made = TestTokens.personalised(kind, dir);
        KeyAssistant assistant = KeyAssistant.systemClock();
        try (Token token = made.open()) {
            lock(token);
            assertThat(assistant.info(token).token().state()).isEqualTo(TokenState.LOCKED);
            UnblockChallenge challenge = assistant.unblockChallenge(token);
            assertThat(UnblockChallenge.parse(challenge.text())).isEqualTo(challenge);
            UnblockResponse response = AUTHORITY.respond(made.serial(), challenge);

            assistant.unblock(token, response, NEW_PIN);
            KeyInfo info = assistant.info(token);
            assertThat(info.token().state()).isEqualTo(TokenState.PERSONALISED);
            assertThat(info.token().retriesLeft()).isEqualTo(6);
            assertThat(info.token().unblockCodesLeft()).isEqualTo(7);
            assertThat(assistant.sign(token, NEW_PIN, LOGIN_CHALLENGE).signature()).isNotEmpty();
            assertThat(assistant.unblockChallenge(token)).isNotEqualTo(challenge);
            assertThat(catchThrowableOfType(TokenException.class, () -> assistant.unblock(token, response, PIN))
                    .kind()).as("a used response never works again").isEqualTo(TokenException.Kind.WRONG_UNBLOCK_RESPONSE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void approvedUnlockRequestAppliesOnlyToItsToken_R_FEE_1_d(Kind kind) {
        Made made = TestTokens.personalised(kind, dir);
        KeyAssistant assistant = KeyAssistant.systemClock();
        try (Token token = made.open()) {
            lock(token);
            UnblockResponse response = AUTHORITY.respond(made.serial(), assistant.unblockChallenge(token));
            UnlockSecret secret = UnlockSecret.random();
            // Refused before the service is asked (no service here): not approved, or another token's request.
            UnlockRequest pending = new UnlockRequest("r1", made.serial(), UnlockRequest.State.PENDING, null);
            assertThat(catchThrowableOfType(KeyAssistantException.class,
                    () -> assistant.applyUnlock(token, null, pending, secret, NEW_PIN)).kind())
                    .isEqualTo(KeyAssistantException.Kind.NOT_APPROVED);
            UnlockRequest other = new UnlockRequest("r2", "OTHER1", UnlockRequest.State.APPROVED, null);
            assertThat(catchThrowableOfType(KeyAssistantException.class,
                    () -> assistant.applyUnlock(token, null, other, secret, NEW_PIN)).getMessage()).contains("OTHER1")
                    .doesNotContain(secret.value());
            assertThat(secret.toString()).doesNotContain(secret.value());
            assertThat(secret.hash()).hasSize(64).doesNotContain(secret.value());

            assertThat(catchThrowableOfType(TokenException.class,
                    () -> assistant.unblock(token, response, "short".toCharArray())).kind())
                    .isEqualTo(TokenException.Kind.PIN_POLICY);
            assistant.unblock(token, response, NEW_PIN);
            assertThat(token.info().state()).isEqualTo(TokenState.PERSONALISED);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void certificateForAnotherKeyIsRefusedWithoutCountingATry_R_CERT_2(Kind kind) {
        Made made = TestTokens.personalised(kind, dir);
        Made other = TestTokens.personalised(kind, dir);
        KeyAssistant assistant = KeyAssistant.systemClock();
        try (Token token = made.open()) {
            TokenException e = catchThrowableOfType(TokenException.class,
                    () -> assistant.importCertificate(token, "Wrong1234".toCharArray(), other.certificate()));
            assertThat(e.kind()).isEqualTo(TokenException.Kind.CERTIFICATE_MISMATCH);
            assertThat(token.info().retriesLeft()).isEqualTo(6);
            assertThat(token.certificate()).hasValueSatisfying(c -> assertThat(c).isEqualTo(made.certificate()));

            assertThat(catchThrowableOfType(KeyAssistantException.class,
                    () -> assistant.importCertificate(token, PIN, new byte[] {0x30, 0x03, 1, 2, 3})).kind())
                    .isEqualTo(KeyAssistantException.Kind.BAD_CERTIFICATE);

            // a new certificate for the same key (what renewal and an information change deliver) is accepted
            byte[] successor = TestTokens.issue(kind.algorithm(), token.createCsr(PIN, new X500Name("CN=x")), null);
            CertificateSummary written = assistant.importCertificate(token, PIN, successor);
            assertThat(assistant.info(token).certificate().serialHex()).isEqualTo(written.serialHex())
                    .isNotEqualTo(CertificateSummary.parse(made.certificate()).serialHex());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lockedTokenIsRefusedBeforeTheServiceIsAsked_R_REN_2(Kind kind) {
        Made made = TestTokens.personalised(kind, dir);
        // nothing listens on port 9: asking the service would fail as service-unreachable instead
        ServiceClient nowhere = new ServiceClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2));
        try (Token token = made.open()) {
            lock(token);
            TokenException renew = catchThrowableOfType(TokenException.class,
                    () -> KeyAssistant.systemClock().renew(token, nowhere, PIN));
            assertThat(renew.kind()).isEqualTo(TokenException.Kind.LOCKED);
            assertThat(renew.getMessage()).contains("unlock");
            assertThat(catchThrowableOfType(TokenException.class,
                    () -> KeyAssistant.systemClock().fetchSuccessor(token, nowhere, PIN)).kind())
                    .isEqualTo(TokenException.Kind.LOCKED);
        }
    }

    private static void lock(Token token) {
        for (int i = 0; i < 6; i++) {
            catchThrowableOfType(TokenException.class, () -> token.sign("Wrong1234".toCharArray(), new byte[] {1}));
        }
        assertThat(token.info().state()).isEqualTo(TokenState.LOCKED);
    }

    private static PublicKey publicKey(byte[] certificate, Kind kind) throws Exception {
        byte[] spki = new X509CertificateHolder(certificate).getSubjectPublicKeyInfo().getEncoded();
        return KeyFactory.getInstance(kind.algorithm().keyType(), Pki.provider())
                .generatePublic(new X509EncodedKeySpec(spki));
    }
}
