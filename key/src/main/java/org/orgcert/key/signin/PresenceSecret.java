package org.orgcert.key.signin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret behind a sign-in's presence line: 32 random bytes the assistant keeps while the key stays plugged in.
 * The key signs only its hash ({@link #hash()}); when the key is removed the assistant sends the secret itself
 * ({@link #encoded()}) to the provider, which ends every session whose presence hash matches. Whoever has not seen
 * the secret cannot end a session, and the hash in a signed text does not give it away.
 *
 * <p>Never printed or logged; {@link #toString()} hides it, {@link #wipe()} clears it once the provider was told.
 */
public final class PresenceSecret {
    /** Bytes of secret. */
    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] secret;
    private final String hash;

    private PresenceSecret(byte[] secret) {
        this.secret = secret;
        this.hash = base64url(sha256(secret));
    }

    /** A new random secret. */
    public static PresenceSecret random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new PresenceSecret(bytes);
    }

    /** {@code base64url(SHA-256(the 32 secret bytes))} without padding: what the presence line holds. */
    public String hash() {
        return hash;
    }

    /** The 32 secret bytes in base64url without padding, as characters the caller wipes: for key-removed only. */
    public char[] encoded() {
        byte[] text = Base64.getUrlEncoder().withoutPadding().encode(secret);
        char[] chars = new char[text.length];
        for (int i = 0; i < text.length; i++) {
            chars[i] = (char) text[i];
        }
        Arrays.fill(text, (byte) 0);
        return chars;
    }

    /** Clears the secret (the hash stays: it is public). */
    public void wipe() {
        Arrays.fill(secret, (byte) 0);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "PresenceSecret[hidden]";
    }
}
