package org.orgcert.key.signin;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Challenges as the provider makes them (docs/signin.md), for tests. */
public final class TestChallenges {
    public static final String PLATFORM = "kmzhjy";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestChallenges() {
    }

    /** A challenge for {@code origin}, the certificate {@code certificateDer}, made at {@code time}. */
    public static String challenge(String origin, byte[] certificateDer, Instant time) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return "orgcert-signin/1\nplatform: " + PLATFORM + "\norigin: " + origin + "\nnonce: "
                + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "\ntime: "
                + time.truncatedTo(ChronoUnit.SECONDS) + "\ncertificate: " + Challenge.certificateHash(certificateDer);
    }
}
