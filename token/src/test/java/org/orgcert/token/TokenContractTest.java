package org.orgcert.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.Signatures;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.csr.VerifiedCsr;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.pki.testing.TestCas;

/**
 * What every {@link Token} must do (R-CERT-2: key on the token, PIN-guarded, locks after wrong PINs;
 * R-FEE-1 d: unblock). Subclasses make tokens of one kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenContractTest {
    static final char[] PIN = "Pin135790".toCharArray();
    static final char[] NEW_PIN = "Kunming-2468".toCharArray();
    static final TokenSettings SETTINGS = TokenSettings.DEFAULT.withKdf(new PinKdf(10, 8, 1));
    static final UnblockAuthority AUTHORITY = new UnblockAuthority(Crypto.sha256(Crypto.utf8("test master")));
    static final String EMPLOYER = "昆明市测试科技有限公司";
    private static int serials;

    @TempDir
    Path dir;

    /** A new token with {@code pin} and {@code seeds}; its state file is {@link #file(String)}. */
    abstract Token create(String serial, char[] pin, UnblockSeeds seeds);

    /** A new token with {@link #PIN} and the bureau's default batch of unblock codes. */
    Token create(String serial) {
        return create(serial, PIN);
    }

    /** Creates a token with a given first PIN (for policy checks). */
    Token create(String serial, char[] pin) {
        return create(serial, pin, AUTHORITY.provision(serial));
    }

    /** Opens the token with {@code serial} again from its state file. */
    abstract Token reopen(String serial);

    /** The algorithms this token kind supports. */
    abstract List<KeyAlgorithm> algorithms();

    Path file(String serial) {
        return dir.resolve(serial + ".token");
    }

    static synchronized String serial() {
        return "T" + (++serials);
    }

    Token personalisedToken(KeyAlgorithm algorithm) {
        Token token = create(serial());
        token.generateKeyPair(PIN, algorithm);
        return token;
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void keyOnTokenCsrCertificateAndSignatureVerifyInBcAndOpenSsl_R_CERT_2(KeyAlgorithm algorithm) throws Exception {
        Token token = create(serial());
        assertThat(token.info().state()).isEqualTo(TokenState.EMPTY);
        token.generateKeyPair(PIN, algorithm);
        assertThat(token.info()).extracting(TokenInfo::state, TokenInfo::algorithm, TokenInfo::hasKey,
                TokenInfo::hasCertificate).containsExactly(TokenState.KEY_GENERATED, algorithm, true, false);

        VerifiedCsr csr = new CsrParser().parse(token.createCsr(PIN, new X500Name("CN=" + EMPLOYER)));
        assertThat(csr.algorithm()).isEqualTo(algorithm);
        byte[] der = new CertificateIssuer(TestCas.hierarchy(algorithm).issuing(), CertificateProfiles.builtIn(),
                Clock.systemUTC()).issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                        new CertificateSubject.Employer(EMPLOYER, new Uscc("91110000600037341L")), csr.publicKey()))
                .der();
        token.importCertificate(PIN, der);
        assertThat(token.info().state()).isEqualTo(TokenState.PERSONALISED);
        assertThat(token.certificate()).hasValueSatisfying(c -> assertThat(c).isEqualTo(der));
        assertThat(reopen(token.info().serial()).info().state()).isEqualTo(TokenState.PERSONALISED);

        byte[] data = "劳动合同备案 2025-001".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = token.sign(PIN, data);
        byte[] spki = new X509CertificateHolder(der).getSubjectPublicKeyInfo().getEncoded();
        PublicKey publicKey = KeyFactory.getInstance(algorithm.keyType(), Pki.provider())
                .generatePublic(new X509EncodedKeySpec(spki));
        assertThat(Signatures.verify(publicKey, data, signature)).isTrue();
        assertThat(Signatures.verify(publicKey, "other".getBytes(), signature)).isFalse();

        OpenSsl.writePem(dir.resolve("pub.pem"), "PUBLIC KEY", spki);
        OpenSsl.write(dir.resolve("data.bin"), data);
        OpenSsl.write(dir.resolve("sig.bin"), signature);
        OpenSsl.Result result = algorithm == KeyAlgorithm.SM2
                ? OpenSsl.run(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt",
                        "distid:" + KeyAlgorithm.SM2_DEFAULT_USER_ID, "-signature", "sig.bin", "data.bin")
                : OpenSsl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "data.bin");
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("Verified OK");
    }

    @Test
    void sixWrongPinsLockAndLockedTokenRefusesTheRightPin_R_CERT_2() {
        Token token = personalisedToken(algorithms().get(0));
        for (int left = 5; left >= 0; left--) {
            TokenException e = catchThrowableOfType(TokenException.class,
                    () -> token.sign("000000x".toCharArray(), new byte[] {1}));
            assertThat(e.kind()).isEqualTo(TokenException.Kind.WRONG_PIN);
            assertThat(e.retriesLeft()).isEqualTo(left);
        }
        assertThat(token.info().state()).isEqualTo(TokenState.LOCKED);
        assertThat(token.info().retriesLeft()).isZero();
        assertKind(() -> token.sign(PIN, new byte[] {1}), TokenException.Kind.LOCKED);
        assertKind(() -> token.changePin(PIN, NEW_PIN), TokenException.Kind.LOCKED);
        assertKind(() -> token.createCsr(PIN, new X500Name("CN=x")), TokenException.Kind.LOCKED);
        // the lock survives reopening the token (the counter is persisted)
        Token reopened = reopen(token.info().serial());
        assertThat(reopened.info().state()).isEqualTo(TokenState.LOCKED);
        assertKind(() -> reopened.sign(PIN, new byte[] {1}), TokenException.Kind.LOCKED);
    }

    @Test
    void correctPinAfterFiveWrongRestoresAllTries_R_CERT_2() {
        Token token = personalisedToken(algorithms().get(0));
        for (int i = 0; i < 5; i++) {
            assertKind(() -> token.sign("wrong-pin".toCharArray(), new byte[] {1}), TokenException.Kind.WRONG_PIN);
        }
        assertThat(token.info().retriesLeft()).isEqualTo(1);
        assertThat(token.sign(PIN, new byte[] {1})).isNotEmpty();
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        assertThat(reopen(token.info().serial()).info().retriesLeft()).isEqualTo(6);
    }

    @Test
    void unblockWithTheBureausResponseSetsANewPin_R_FEE_1_d() {
        Token token = lockedToken();
        String serial = token.info().serial();
        UnblockChallenge challenge = token.unblockChallenge();
        assertThat(token.unblockChallenge()).isEqualTo(challenge); // stable until used
        // read over the phone: the texts round-trip
        UnblockResponse response = UnblockResponse.parse(
                AUTHORITY.respond(serial, UnblockChallenge.parse(challenge.text())).text());
        assertThat(challenge.text()).hasSize(24);
        assertThat(response.text()).hasSize(36);
        assertThat(token.info().unblockCodesLeft()).isEqualTo(UnblockSeeds.DEFAULT_COUNT);
        token.unblock(response, NEW_PIN);

        assertThat(token.info().state()).isEqualTo(TokenState.KEY_GENERATED);
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        assertThat(token.info().unblockCodesLeft()).isEqualTo(UnblockSeeds.DEFAULT_COUNT - 1);
        assertThat(token.sign(NEW_PIN, new byte[] {1})).isNotEmpty();
        assertKind(() -> token.sign(PIN, new byte[] {1}), TokenException.Kind.WRONG_PIN);
        assertThat(reopen(serial).sign(NEW_PIN, new byte[] {2})).isNotEmpty();
        assertThat(token.unblockChallenge()).isNotEqualTo(challenge);
    }

    @Test
    void wrongForeignAndReplayedResponsesAreRejectedAndChangeNothing_R_FEE_1_d() {
        Token token = lockedToken();
        String serial = token.info().serial();
        Token other = create(serial());
        UnblockChallenge challenge = token.unblockChallenge();

        // a response computed for another token's serial
        assertUnblockRejected(token, AUTHORITY.respond(other.info().serial(), challenge));
        // a response to another token's challenge
        assertUnblockRejected(token, AUTHORITY.respond(serial, other.unblockChallenge()));
        // a response from another bureau's master key
        assertUnblockRejected(token, new UnblockAuthority(new byte[32]).respond(serial, challenge));
        // random bytes
        assertUnblockRejected(token, new UnblockResponse(new byte[16]));
        assertThat(token.unblockChallenge()).isEqualTo(challenge);

        UnblockResponse good = AUTHORITY.respond(serial, challenge);
        token.unblock(good, NEW_PIN);
        // replay: lock again, then use the old response
        for (int i = 0; i < 6; i++) {
            assertKind(() -> token.sign("wrong-pin".toCharArray(), new byte[] {1}), TokenException.Kind.WRONG_PIN);
        }
        token.unblockChallenge();
        assertUnblockRejected(token, good);
        token.unblock(AUTHORITY.respond(serial, token.unblockChallenge()), PIN);
        assertThat(token.sign(PIN, new byte[] {1})).isNotEmpty();
    }

    /**
     * The reviewer's attack on the first design (a response carried the key for the next unblock, so an old
     * response's second half plus a key of one's choice unblocked again, round after round): whoever keeps
     * every challenge and response the user ever saw still cannot unblock without the bureau.
     */
    @Test
    void spliceAttack_oldCodesNeverUnblockAgain_R_FEE_1_d() {
        Token token = lockedToken();
        String serial = token.info().serial();
        List<byte[]> seen = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            UnblockChallenge challenge = token.unblockChallenge();
            UnblockResponse response = AUTHORITY.respond(serial, challenge);
            seen.add(challenge.value());
            seen.add(response.answer());
            token.unblock(response, NEW_PIN);
            lock(token);
            // every 16-byte value an attacker can cut from what was seen, as a response
            byte[] all = new byte[0];
            for (byte[] part : seen) {
                all = java.util.Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, all, all.length - part.length, part.length);
            }
            for (int from = 0; from + 16 <= all.length; from++) {
                assertUnblockRejected(token, new UnblockResponse(java.util.Arrays.copyOfRange(all, from, from + 16)));
            }
            // and the old responses answered again to the new challenge are still the old answers
            assertUnblockRejected(token, response);
        }
        assertThat(token.info().unblockCodesLeft()).isEqualTo(UnblockSeeds.DEFAULT_COUNT - 3);
    }

    @Test
    void usedUpCodesSayCodesAreExhaustedAndReplenishNeedsThePin_R_FEE_1_d() {
        String serial = serial();
        Token token = create(serial, PIN, AUTHORITY.provision(serial, 2));
        token.generateKeyPair(PIN, algorithms().get(0));
        for (int i = 0; i < 2; i++) {
            lock(token);
            token.unblock(AUTHORITY.respond(serial, token.unblockChallenge()), PIN);
        }
        assertThat(token.info().unblockCodesLeft()).isZero();
        assertKind(token::unblockChallenge, TokenException.Kind.UNBLOCK_EXHAUSTED);
        assertKind(() -> token.unblock(new UnblockResponse(new byte[16]), NEW_PIN),
                TokenException.Kind.UNBLOCK_EXHAUSTED);

        // new codes: only for this serial (checked before the PIN), only with the right PIN, never when locked
        UnblockSeeds fresh = AUTHORITY.provision(serial);
        assertKind(() -> token.replenishUnblockCodes(PIN, AUTHORITY.provision("other-" + serial)),
                TokenException.Kind.MALFORMED);
        assertKind(() -> token.replenishUnblockCodes(PIN, null), TokenException.Kind.MALFORMED);
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        assertKind(() -> token.replenishUnblockCodes(NEW_PIN, fresh), TokenException.Kind.WRONG_PIN);
        assertThat(token.info().unblockCodesLeft()).isZero();
        token.replenishUnblockCodes(PIN, fresh);
        assertThat(token.info().unblockCodesLeft()).isEqualTo(UnblockSeeds.DEFAULT_COUNT);
        assertThat(reopen(serial).info().unblockCodesLeft()).isEqualTo(UnblockSeeds.DEFAULT_COUNT);

        lock(token);
        assertKind(() -> token.replenishUnblockCodes(PIN, AUTHORITY.provision(serial)), TokenException.Kind.LOCKED);
        token.unblock(AUTHORITY.respond(serial, token.unblockChallenge()), NEW_PIN);
        assertThat(token.sign(NEW_PIN, new byte[] {1})).isNotEmpty();
    }

    @Test
    void replenishingReplacesOutstandingCodes_R_FEE_1_d() {
        Token token = personalisedToken(algorithms().get(0));
        String serial = token.info().serial();
        UnblockResponse outstanding = AUTHORITY.respond(serial, token.unblockChallenge());
        token.replenishUnblockCodes(PIN, AUTHORITY.provision(serial, 3));
        assertThat(token.info().unblockCodesLeft()).isEqualTo(3);
        lock(token);
        assertUnblockRejected(token, outstanding);
        token.unblock(AUTHORITY.respond(serial, token.unblockChallenge()), NEW_PIN);
    }

    @Test
    void unblockCodesForAnotherTokenAreRefusedAtPersonalisation() {
        String serial = serial();
        assertKind(() -> create(serial, PIN, AUTHORITY.provision("other-" + serial)), TokenException.Kind.MALFORMED);
    }

    @Test
    void unblockIsAllowedBeforeTheTokenLocks_R_FEE_1_d() {
        Token token = personalisedToken(algorithms().get(0));
        token.unblock(AUTHORITY.respond(token.info().serial(), token.unblockChallenge()), NEW_PIN);
        assertThat(token.sign(NEW_PIN, new byte[] {1})).isNotEmpty();
    }

    @Test
    void unblockWithoutAChallengeOrWithABadNewPinIsRefused() {
        Token token = lockedToken();
        String serial = token.info().serial();
        UnblockResponse guess = new UnblockResponse(new byte[16]);
        assertKind(() -> token.unblock(guess, NEW_PIN), TokenException.Kind.WRONG_UNBLOCK_RESPONSE);
        UnblockResponse good = AUTHORITY.respond(serial, token.unblockChallenge());
        assertKind(() -> token.unblock(good, "123".toCharArray()), TokenException.Kind.PIN_POLICY);
        assertThat(token.info().state()).isEqualTo(TokenState.LOCKED);
    }

    @Test
    void certificateForAnotherKeyIsRefused_R_CERT_2() {
        KeyAlgorithm algorithm = algorithms().get(0);
        Token token = personalisedToken(algorithm);
        Token other = personalisedToken(algorithm);
        VerifiedCsr csr = new CsrParser().parse(other.createCsr(PIN, new X500Name("CN=other")));
        byte[] der = new CertificateIssuer(TestCas.hierarchy(algorithm).issuing(), CertificateProfiles.builtIn(),
                Clock.systemUTC()).issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                        new CertificateSubject.Employer(EMPLOYER, new Uscc("91110000600037341L")), csr.publicKey()))
                .der();
        assertKind(() -> token.importCertificate(PIN, der), TokenException.Kind.CERTIFICATE_MISMATCH);
        assertKind(() -> token.importCertificate(PIN, new byte[] {0x30, 0x03, 1, 2, 3}), TokenException.Kind.MALFORMED);
        assertThat(token.info().hasCertificate()).isFalse();
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        other.importCertificate(PIN, der);
        assertThat(other.info().state()).isEqualTo(TokenState.PERSONALISED);
    }

    @Test
    void pinPolicyAndChangePin() {
        assertThatThrownBy(() -> create("short-" + serial(), "12345".toCharArray()))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.PIN_POLICY));
        Token token = personalisedToken(algorithms().get(0));
        for (String bad : List.of("12345", "Ab1234567890123456789012345678901", "111111", "123 456", "密码密码密码",
                "135790", "12345678", "abcdefgh", "Kunming-Dianchi")) {
            TokenException e = catchThrowableOfType(TokenException.class,
                    () -> token.changePin(PIN, bad.toCharArray()));
            assertThat(e.kind()).isEqualTo(TokenException.Kind.PIN_POLICY);
            assertThat(e.getMessage()).doesNotContain(bad);
        }
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        token.changePin(PIN, NEW_PIN);
        assertKind(() -> token.sign(PIN, new byte[] {1}), TokenException.Kind.WRONG_PIN);
        assertThat(token.sign(NEW_PIN, new byte[] {1})).isNotEmpty();
    }

    @Test
    void operationsWithoutAKeyAreRefusedWithoutCostingATry() {
        Token token = create(serial());
        assertKind(() -> token.sign(PIN, new byte[] {1}), TokenException.Kind.NO_KEY);
        assertKind(() -> token.createCsr(PIN, new X500Name("CN=x")), TokenException.Kind.NO_KEY);
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        assertThat(token.certificate()).isEmpty();
    }

    /**
     * A handle remembers a right PIN for its later operations (like a PKCS#11 login), but never lets a wrong
     * PIN through, and forgets the old PIN once another handle changes it.
     */
    @Test
    void aHandlesPinSessionNeverOutlivesThePin_R_CERT_2() {
        Token first = personalisedToken(algorithms().get(0));
        assertThat(first.sign(PIN, new byte[] {1})).isNotEmpty();
        assertThat(first.sign(PIN, new byte[] {2})).isNotEmpty();
        TokenException wrong = catchThrowableOfType(TokenException.class,
                () -> first.sign("wrong-pin9".toCharArray(), new byte[] {3}));
        assertThat(wrong.retriesLeft()).isEqualTo(5);
        Token second = reopen(first.info().serial());
        second.changePin(PIN, NEW_PIN);
        TokenException stale = catchThrowableOfType(TokenException.class, () -> first.sign(PIN, new byte[] {4}));
        assertThat(stale.kind()).isEqualTo(TokenException.Kind.WRONG_PIN);
        assertThat(first.sign(NEW_PIN, new byte[] {5})).isNotEmpty();
        assertThat(first.info().retriesLeft()).isEqualTo(6);
    }

    /** The handle that created a token starts with its first PIN's session, and still counts a wrong PIN. */
    @Test
    void theCreatingHandlesSessionOnlyOpensWithTheFirstPin_R_CERT_2() {
        Token token = create(serial());
        token.generateKeyPair(PIN, algorithms().get(0));
        TokenException wrong = catchThrowableOfType(TokenException.class,
                () -> token.sign("wrong-pin9".toCharArray(), new byte[] {1}));
        assertThat(wrong.retriesLeft()).isEqualTo(5);
        assertThat(token.sign(PIN, new byte[] {2})).isNotEmpty();
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        token.changePin(PIN, NEW_PIN);
        assertKind(() -> token.sign(PIN, new byte[] {3}), TokenException.Kind.WRONG_PIN);
        assertThat(token.sign(NEW_PIN, new byte[] {4})).isNotEmpty();
    }

    @Test
    void twoHandlesOnOneTokenShareOneCounter_R_CERT_2() {
        Token first = personalisedToken(algorithms().get(0));
        Token second = reopen(first.info().serial());
        for (int left = 5; left >= 0; left--) {
            Token handle = left % 2 == 0 ? first : second;
            TokenException e = catchThrowableOfType(TokenException.class,
                    () -> handle.sign("wrong-pin".toCharArray(), new byte[] {1}));
            assertThat(e.kind()).isEqualTo(TokenException.Kind.WRONG_PIN);
            assertThat(e.retriesLeft()).isEqualTo(left);
        }
        assertKind(() -> first.sign(PIN, new byte[] {1}), TokenException.Kind.LOCKED);
        assertKind(() -> second.sign(PIN, new byte[] {1}), TokenException.Kind.LOCKED);
        assertThat(first.info().state()).isEqualTo(TokenState.LOCKED);
        assertThat(second.info().state()).isEqualTo(TokenState.LOCKED);
    }

    @Test
    void twoThreadsWithTwoHandlesGetNoMoreThanTheLimit_R_CERT_2() throws Exception {
        Token first = personalisedToken(algorithms().get(0));
        Token second = reopen(first.info().serial());
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger locked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (Token handle : List.of(first, second)) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 8; i++) {
                    try {
                        handle.sign("wrong-pin".toCharArray(), new byte[] {1});
                    } catch (TokenException e) {
                        (e.kind() == TokenException.Kind.WRONG_PIN ? wrong : locked).incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertThat(wrong.get()).as("wrong PINs checked").isEqualTo(6);
        assertThat(locked.get()).isEqualTo(10);
        assertThat(reopen(first.info().serial()).info().retriesLeft()).isZero();
    }

    @Test
    void aClosedHandleRefusesEveryOperationAndTheTokenReopens() {
        Token token = personalisedToken(algorithms().get(0));
        String serial = token.info().serial();
        token.close();
        assertKind(() -> token.sign(PIN, new byte[] {1}), TokenException.Kind.DEVICE);
        assertKind(token::info, TokenException.Kind.DEVICE);
        try (Token reopened = reopen(serial)) {
            assertThat(reopened.sign(PIN, new byte[] {1})).isNotEmpty();
        }
    }

    @Test
    void missingArgumentsAreMalformedAndCostNoTry() {
        Token token = personalisedToken(algorithms().get(0));
        assertKind(() -> token.sign(PIN, null), TokenException.Kind.MALFORMED);
        assertKind(() -> token.sign("wrong-pin".toCharArray(), null), TokenException.Kind.MALFORMED);
        assertKind(() -> token.createCsr(PIN, null), TokenException.Kind.MALFORMED);
        assertKind(() -> token.generateKeyPair(PIN, null), TokenException.Kind.MALFORMED);
        assertKind(() -> token.importCertificate(PIN, null), TokenException.Kind.MALFORMED);
        assertKind(() -> token.unblock(null, NEW_PIN), TokenException.Kind.MALFORMED);
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        assertThat(reopen(token.info().serial()).info().retriesLeft()).isEqualTo(6);
    }

    @Test
    void editedStateFileIsRefused_counterRollback_R_CERT_2() throws Exception {
        Token token = lockedToken();
        String serial = token.info().serial();
        byte[] bytes = Files.readAllBytes(file(serial));
        // retriesLeft sits after magic, version, kind, serial, label and maxRetries
        int offset = 6 + 4 + serial.length() + 4 + ("label " + serial).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 4;
        assertThat(bytes[offset + 3]).isZero();
        bytes[offset + 3] = 6;
        Files.write(file(serial), bytes);
        assertKind(() -> reopen(serial), TokenException.Kind.TAMPERED);
        bytes[offset + 3] = 0;
        bytes[bytes.length - 40] ^= 1;
        Files.write(file(serial), bytes);
        assertKind(() -> reopen(serial), TokenException.Kind.TAMPERED);
    }

    @Test
    void secretsStayOutOfMessagesAndToString() {
        Token token = personalisedToken(algorithms().get(0));
        TokenException e = catchThrowableOfType(TokenException.class,
                () -> token.sign("secret-pin-77".toCharArray(), new byte[] {1}));
        assertThat(e.getMessage()).doesNotContain("secret-pin-77");
        UnblockResponse response = AUTHORITY.respond(token.info().serial(), token.unblockChallenge());
        assertThat(response.toString()).doesNotContain(response.text());
        assertThat(AUTHORITY.toString()).contains("hidden");
        assertThat(token.toString()).doesNotContain(new String(PIN));
    }

    Token lockedToken() {
        Token token = personalisedToken(algorithms().get(0));
        lock(token);
        return token;
    }

    static void lock(Token token) {
        while (token.info().retriesLeft() > 0) {
            assertKind(() -> token.sign("wrong-pin".toCharArray(), new byte[] {1}), TokenException.Kind.WRONG_PIN);
        }
        assertThat(token.info().state()).isEqualTo(TokenState.LOCKED);
    }

    static void assertUnblockRejected(Token token, UnblockResponse response) {
        TokenInfo before = token.info();
        assertKind(() -> token.unblock(response, NEW_PIN), TokenException.Kind.WRONG_UNBLOCK_RESPONSE);
        assertThat(token.info()).isEqualTo(before);
    }

    static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, TokenException.Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
