package org.orgcert.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * Random, truncated and bit-flipped input to every parser in this module ends in a TokenException, never in
 * another exception (seeded, so a failure reproduces). Property-style with JUnit parameters and a seeded
 * Random.
 */
class ParserFuzzTest {
    static final byte[] DEVICE_KEY = Crypto.sha256(Crypto.utf8("fuzz device key"));
    static final TokenSettings SETTINGS = TokenSettings.DEFAULT.withKdf(new PinKdf(10, 8, 1));

    @TempDir
    Path dir;

    static void assertClean(Runnable parse) {
        try {
            parse.run();
        } catch (TokenException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (Throwable t) {
            throw new AssertionError("a parser threw " + t + " instead of a TokenException", t);
        }
    }

    byte[] validFile(KeyAlgorithm algorithm) throws Exception {
        Path file = dir.resolve("t.token");
        UnblockAuthority authority = new UnblockAuthority(new byte[32]);
        SoftwareToken token = SoftwareToken.create(file, DEVICE_KEY, "F1", "fuzz", "Pin135790".toCharArray(),
                authority.provision("F1"), SETTINGS);
        token.generateKeyPair("Pin135790".toCharArray(), algorithm);
        token.unblockChallenge();
        return java.nio.file.Files.readAllBytes(file);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void tokenFileLoaderRefusesRandomTruncatedAndFlippedBytesCleanly(long seed) throws Exception {
        Random random = new Random(seed);
        TokenFile format = new TokenFile(TokenFile.Kind.SOFTWARE, DEVICE_KEY);
        byte[] valid = validFile(KeyAlgorithm.ECDSA_P256);
        assertThat(format.decode(valid).serial()).isEqualTo("F1");
        for (int i = 0; i < 300; i++) {
            byte[] noise = new byte[random.nextInt(600)];
            random.nextBytes(noise);
            if (random.nextBoolean() && noise.length >= 4) {
                System.arraycopy(new byte[] {'O', 'C', 'T', 'K'}, 0, noise, 0, 4);
            }
            assertClean(() -> format.decode(noise));
            byte[] truncated = Arrays.copyOf(valid, random.nextInt(valid.length));
            assertClean(() -> format.decode(truncated));
            byte[] flipped = valid.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> format.decode(flipped)).isInstanceOf(TokenException.class);
        }
    }

    /** Behind a valid MAC: the field parser itself must refuse every damaged body cleanly. */
    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void fieldParserRefusesDamagedBodiesCleanly(long seed) throws Exception {
        Random random = new Random(seed);
        TokenFile format = new TokenFile(TokenFile.Kind.SOFTWARE, DEVICE_KEY);
        byte[] valid = validFile(KeyAlgorithm.SM2);
        int bodyStart = 4;
        int bodyEnd = valid.length - 32;
        for (int i = 0; i < 300; i++) {
            byte[] body = Arrays.copyOfRange(valid, bodyStart, bodyEnd);
            switch (i % 3) {
                case 0 -> body = Arrays.copyOf(body, random.nextInt(body.length));
                case 1 -> body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                default -> {
                    body = new byte[random.nextInt(300)];
                    random.nextBytes(body);
                }
            }
            byte[] bytes = body;
            assertClean(() -> format.parse(new Bytes.Reader(bytes, 0, bytes.length)));
        }
    }

    @Test
    void tokenFileOfAnotherKindOrDeviceIsRefused() throws Exception {
        byte[] valid = validFile(KeyAlgorithm.ECDSA_P256);
        assertThatThrownBy(() -> new TokenFile(TokenFile.Kind.SOFTWARE, new byte[32]).decode(valid))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.TAMPERED));
        assertThatThrownBy(() -> new TokenFile(TokenFile.Kind.PKCS11, DEVICE_KEY).decode(valid))
                .isInstanceOf(TokenException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void challengeAndResponseDecodersRefuseNoiseCleanly(long seed) {
        Random random = new Random(seed);
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcxyz-  IOLU*é\n";
        Consumer<String> both = text -> {
            assertClean(() -> UnblockChallenge.parse(text));
            assertClean(() -> UnblockResponse.parse(text));
        };
        both.accept(null);
        both.accept("");
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(80);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            both.accept(text.toString());
            String challenge = new UnblockChallenge(bytes(random, 10)).text();
            both.accept(challenge.substring(0, random.nextInt(challenge.length())));
            String response = new UnblockResponse(bytes(random, 16)).text();
            both.accept(response.substring(0, random.nextInt(response.length())));
        }
    }

    static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
