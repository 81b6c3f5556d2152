package org.orgcert.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The secret the assistant makes when it files an unlock request (R-FEE-1 d, issue 11): the service keeps only its
 * SHA-256 and gives the bureau's unblock response to whoever shows the secret, so the response reaches this
 * assistant and no person (not the agent reading the request, not customer service). Never printed or logged;
 * {@link #toString()} hides it.
 */
public final class UnlockSecret {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String value;

    private UnlockSecret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** A new secret of 32 random bytes (base64url). */
    public static UnlockSecret random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new UnlockSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** A secret kept earlier (e.g. by {@link UnlockSecrets}). */
    public static UnlockSecret of(String value) {
        if (value == null || !value.strip().matches("[A-Za-z0-9_-]{43}")) {
            throw new IllegalArgumentException("not an unlock secret");
        }
        return new UnlockSecret(value.strip());
    }

    /** The secret itself, for the service's response endpoint only. */
    public String value() {
        return value;
    }

    /** Its SHA-256 in hex: what goes with the unlock request. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "UnlockSecret[hidden]";
    }
}
