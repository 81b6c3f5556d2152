package org.orgcert.key.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.orgcert.key.WebOrigin;

/**
 * A provider's sign-in challenge (docs/signin.md): exactly six lines, {@code \n}-separated, no trailing newline:
 * <pre>
 *   orgcert-signin/1
 *   platform: &lt;client id&gt;
 *   origin: &lt;origin of the page that asks&gt;
 *   nonce: &lt;32 bytes, base64url without padding&gt;
 *   time: &lt;ISO-8601 UTC to the second&gt;
 *   certificate: &lt;SHA-256 of the certificate DER, lower-case hex&gt;
 * </pre>
 * Parsing is strict, since the key signs the text as it is: any other shape is refused, never repaired.
 *
 * @param text        the whole text, as it will be signed (before the presence line)
 * @param platform    the relying platform's client id
 * @param origin      the origin the challenge was made for, in the form browsers send
 * @param time        when the provider made it
 * @param certificate the SHA-256 of the certificate it expects, lower-case hex
 */
public record Challenge(String text, String platform, String origin, Instant time, String certificate) {
    /** The first line. */
    public static final String VERSION = "orgcert-signin/1";
    /** Longer texts are refused before they are split. */
    static final int MAX_LENGTH = 1024;
    private static final Pattern PLATFORM = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Reads a challenge.
     *
     * @throws SignInException MALFORMED_CHALLENGE for anything but the exact shape
     */
    public static Challenge parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw malformed("The challenge is missing or longer than " + MAX_LENGTH + " characters.");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length != 6 || !lines[0].equals(VERSION)) {
            throw malformed("A challenge has exactly six lines, the first " + VERSION + ", and no trailing newline.");
        }
        String platform = value(lines[1], "platform");
        String origin = value(lines[2], "origin");
        String nonce = value(lines[3], "nonce");
        String time = value(lines[4], "time");
        String certificate = value(lines[5], "certificate");
        if (!PLATFORM.matcher(platform).matches()) {
            throw malformed("The platform line must hold a client id of visible ASCII characters.");
        }
        if (!WebOrigin.isCanonical(origin)) {
            throw malformed("The origin line must hold an origin as browsers send it, e.g. https://zhjy.example.cn.");
        }
        if (!NONCE.matcher(nonce).matches() || !decodesTo32Bytes(nonce)) {
            throw malformed("The nonce line must hold 32 bytes in base64url without padding.");
        }
        if (!SHA256_HEX.matcher(certificate).matches()) {
            throw malformed("The certificate line must hold a SHA-256 in lower-case hex.");
        }
        Instant at;
        try {
            at = TIME.matcher(time).matches() ? Instant.parse(time) : null;
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            throw malformed("The time line must hold a UTC time to the second, e.g. 2026-12-07T10:00:00Z.");
        }
        return new Challenge(text, platform, origin, at, certificate);
    }

    /** The text the key signs: this challenge and the presence line, {@code "\npresence: " + hash}. */
    public String withPresence(String presenceHash) {
        return text + "\npresence: " + presenceHash;
    }

    /** The SHA-256 of a certificate's DER in lower-case hex, as the {@code certificate:} line holds it. */
    public static String certificateHash(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String line, String name) {
        String prefix = name + ": ";
        if (!line.startsWith(prefix)) {
            throw malformed("Expected the line \"" + name + ": ...\" in its place.");
        }
        return line.substring(prefix.length());
    }

    private static boolean decodesTo32Bytes(String nonce) {
        try {
            return Base64.getUrlDecoder().decode(nonce.getBytes(StandardCharsets.US_ASCII)).length == 32
                    && Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(nonce))
                            .equals(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SignInException malformed(String message) {
        return new SignInException(SignInException.Reason.MALFORMED_CHALLENGE, message);
    }
}
