package org.orgcert.server.signin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The text the key signs to sign in (docs/signin.md): the relying platform's client id, the origin of the page that
 * asks the assistant, a 32-byte nonce, the time and the certificate's SHA-256, one field a line.
 *
 * @param platform    the relying platform's client id
 * @param origin      the origin of the page that asks the assistant ({@code https://host[:port]})
 * @param nonce       32 random bytes, base64url without padding
 * @param time        when it was made (to the second)
 * @param certificate SHA-256 of the certificate's DER, lower-case hex
 */
public record SignInChallenge(String platform, String origin, String nonce, Instant time, String certificate) {
    static final String VERSION = "orgcert-signin/1";
    /** What the assistant appends: its presence hash, SHA-256 of a 32-byte secret, base64url without padding. */
    static final Pattern PRESENCE_LINE = Pattern.compile("\npresence: ([A-Za-z0-9_-]{43})");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    public SignInChallenge {
        time = time.truncatedTo(ChronoUnit.SECONDS);
        if (!NONCE.matcher(nonce).matches() || !FINGERPRINT.matcher(certificate).matches()
                || platform.indexOf('\n') >= 0 || origin.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a sign-in challenge's fields");
        }
    }

    /** The exact text, UTF-8, lines separated by {@code \n}, no trailing newline. */
    public String text() {
        return VERSION + "\nplatform: " + platform + "\norigin: " + origin + "\nnonce: " + nonce + "\ntime: " + time
                + "\ncertificate: " + certificate;
    }

    /** The SHA-256 of {@code der}, as the challenge's {@code certificate:} line has it. */
    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The presence hash the assistant appended to this challenge in {@code signed}, or null when {@code signed} is
     * not exactly this challenge plus one presence line.
     */
    String presenceIn(byte[] signed) {
        String text = new String(signed, StandardCharsets.UTF_8);
        String prefix = text();
        if (!text.startsWith(prefix)) {
            return null;
        }
        var line = PRESENCE_LINE.matcher(text.substring(prefix.length()));
        return line.matches() ? line.group(1) : null;
    }
}
