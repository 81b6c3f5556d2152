package org.orgcert.kit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Issues and verifies the sign-in challenge of docs/signin.md, for a platform that runs its own challenge
 * instead of using OrgCert's OpenID Connect provider:
 *
 * <pre>
 * orgcert-signin/1
 * platform: &lt;client id&gt;
 * origin: &lt;origin of the page&gt;
 * nonce: &lt;32 random bytes, base64url&gt;
 * time: &lt;ISO-8601 UTC, seconds&gt;
 * certificate: &lt;SHA-256 of the certificate DER, lower-case hex&gt;
 * </pre>
 *
 * The employer's assistant signs that text plus {@code "\npresence: " + <43 base64url characters>}. An
 * answer is accepted once (R-USE-1): its nonce was issued here and not used, it is at most
 * {@link #LIFETIME} old, its platform and origin are the issued ones and the ones the answer is presented
 * to, the certificate is the one named and is valid ({@link SignInVerifier#validateCertificate}), and the
 * signature verifies with its key. Everything else is a {@link SignInRefused} with a reason.
 */
public final class ChallengeVerifier {
    /** How long an issued challenge may be answered (docs/signin.md). */
    public static final Duration LIFETIME = Duration.ofMinutes(2);
    static final String HEADER = "orgcert-signin/1";
    private static final int MAX_TEXT = 4096;
    private static final int MAX_FIELD = 512;
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    private static final Pattern TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SignInVerifier verifier;
    private final NonceStore store;

    public ChallengeVerifier(SignInVerifier verifier, NonceStore store) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * A new challenge for the employer whose certificate the page read from the assistant.
     *
     * @param platform    this platform's client id
     * @param origin      the origin of the page that will ask the assistant, e.g. {@code https://job.example.cn}
     * @param certificate SHA-256 of the certificate's DER, lower-case hex
     * @throws KitException BAD_ARGUMENT for a field that is empty, too long, holds a control character, or
     *                      (origin, certificate) does not have its form
     */
    public Challenge issue(String platform, String origin, String certificate) {
        field("platform", platform);
        field("origin", origin);
        if (!ORIGIN.matcher(origin).matches()) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "the origin must be scheme://host[:port]");
        }
        if (!lowerHex64(certificate)) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT,
                    "the certificate is named by the SHA-256 of its DER in 64 lower-case hex digits");
        }
        String nonce = BASE64URL.encodeToString(verifier.genRandom(32));
        Instant time = verifier.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String text = HEADER + "\nplatform: " + platform + "\norigin: " + origin + "\nnonce: " + nonce
                + "\ntime: " + time + "\ncertificate: " + certificate;
        Challenge challenge = new Challenge(text, platform, origin, nonce, time, certificate);
        store.remember(challenge);
        return challenge;
    }

    /** As {@link #issue(String, String, String)}, naming the certificate by its DER. */
    public Challenge issue(String platform, String origin, byte[] certificateDer) {
        return issue(platform, origin, ParsedCertificate.fingerprint(certificateDer));
    }

    /**
     * Checks an answer and says who signed in.
     *
     * @param platform       this platform's client id
     * @param origin         the origin the answer was posted from (the request's {@code Origin} header)
     * @param signedText     what the assistant signed: the challenge and its presence line
     * @param signature      the signature, DER (r, s) for SM2 and ECDSA, PKCS#1 v1.5 for RSA
     * @param certificateDer the employer's signing certificate
     * @throws SignInRefused with the reason, for every answer that is not accepted
     */
    public SignIn verify(String platform, String origin, String signedText, byte[] signature, byte[] certificateDer) {
        Answer answer = Answer.parse(signedText);
        NonceStore.Use use = store.use(answer.nonce);
        if (use.state() == NonceStore.State.UNKNOWN) {
            throw new SignInRefused(SignInRefused.Reason.UNKNOWN_CHALLENGE, "the challenge was not issued here (or is forgotten)");
        }
        if (use.state() == NonceStore.State.USED) {
            throw new SignInRefused(SignInRefused.Reason.REPLAYED, "the challenge was answered before");
        }
        Challenge issued = use.challenge();
        if (!issued.platform().equals(answer.platform) || !answer.platform.equals(platform)) {
            throw new SignInRefused(SignInRefused.Reason.OTHER_PLATFORM, "the challenge is for platform '"
                    + issued.platform() + "'; the answer names '" + answer.platform + "' and came to '" + platform + "'");
        }
        if (!issued.origin().equals(answer.origin) || !answer.origin.equals(origin)) {
            throw new SignInRefused(SignInRefused.Reason.OTHER_ORIGIN, "the challenge is for origin " + issued.origin()
                    + "; the answer names " + answer.origin + " and came from " + origin);
        }
        if (!issued.certificate().equals(answer.certificate)) {
            throw new SignInRefused(SignInRefused.Reason.OTHER_CERTIFICATE, "the answer names another certificate");
        }
        if (!issued.text().equals(answer.challenge)) {
            throw new SignInRefused(SignInRefused.Reason.ALTERED, "the signed text is not the challenge issued");
        }
        Instant now = verifier.clock().instant();
        if (now.isAfter(issued.time().plus(LIFETIME))) {
            throw new SignInRefused(SignInRefused.Reason.EXPIRED, "the challenge of " + issued.time()
                    + " is older than " + LIFETIME.toMinutes() + " minutes");
        }
        String fingerprint;
        try {
            fingerprint = ParsedCertificate.fingerprint(certificateDer);
        } catch (KitException e) {
            throw new SignInRefused(SignInRefused.Reason.CERTIFICATE, e.getMessage(), CertificateStatus.MALFORMED);
        }
        if (!fingerprint.equals(issued.certificate())) {
            throw new SignInRefused(SignInRefused.Reason.OTHER_CERTIFICATE,
                    "the certificate sent is not the one the challenge names");
        }
        SignInVerifier.Checked checked = verifier.check(certificateDer, fingerprint);
        if (!checked.validation().isValid()) {
            throw new SignInRefused(SignInRefused.Reason.CERTIFICATE, "the certificate is "
                    + checked.validation().status() + ": " + checked.validation().reason(), checked.validation().status());
        }
        EmployerIdentity employer;
        try {
            employer = verifier.identity(checked.known());
        } catch (KitException e) {
            throw new SignInRefused(SignInRefused.Reason.NO_IDENTITY, e.getMessage());
        }
        try {
            verifier.verify(checked.known().certificate, signedText.getBytes(StandardCharsets.UTF_8), signature);
        } catch (KitException e) {
            SignInRefused.Reason reason = switch (e.kind()) {
                case WRONG_ALGORITHM -> SignInRefused.Reason.WRONG_ALGORITHM;
                case BAD_SIGNATURE -> SignInRefused.Reason.BAD_SIGNATURE;
                default -> SignInRefused.Reason.MALFORMED;
            };
            throw new SignInRefused(reason, e.getMessage());
        }
        return new SignIn(employer, answer.platform, answer.origin, answer.presence, issued.time(), fingerprint);
    }

    /** SHA-256 in 64 lower-case hex digits (a loop: this runs on every answer). */
    private static boolean lowerHex64(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void field(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_FIELD || !value.strip().equals(value)
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "the " + name + " must be 1 to " + MAX_FIELD
                    + " characters without control characters or surrounding spaces");
        }
    }

    /** The fields of a signed text, in their fixed order; parsing refuses any other shape. */
    private static final class Answer {
        private static final String[] KEYS = {"platform: ", "origin: ", "nonce: ", "time: ", "certificate: ", "presence: "};
        final String challenge;
        final String platform;
        final String origin;
        final String nonce;
        final String certificate;
        final String presence;

        private Answer(String challenge, String[] values) {
            this.challenge = challenge;
            this.platform = values[0];
            this.origin = values[1];
            this.nonce = values[2];
            this.certificate = values[4];
            this.presence = values[5];
        }

        static Answer parse(String text) {
            if (text == null || text.length() > MAX_TEXT) {
                throw malformed("the signed text is missing or longer than " + MAX_TEXT + " characters");
            }
            String[] lines = text.split("\n", -1);
            if (lines.length != 1 + KEYS.length || !lines[0].equals(HEADER)) {
                throw malformed("the signed text is not " + HEADER + ", five challenge lines and one presence line");
            }
            String[] values = new String[KEYS.length];
            for (int i = 0; i < KEYS.length; i++) {
                String line = lines[i + 1];
                if (!line.startsWith(KEYS[i]) || hasControl(line)) {
                    throw malformed("line " + (i + 2) + " must start with '" + KEYS[i] + "'");
                }
                values[i] = line.substring(KEYS[i].length());
            }
            if (!base64url32(values[2]) || !base64url32(values[5])) {
                throw malformed("nonce and presence must each be 32 bytes in base64url without padding");
            }
            // The form only: the value must equal the issued challenge's, which is checked after the nonce.
            if (!TIME.matcher(values[3]).matches()) {
                throw malformed("the time must be ISO-8601 UTC to the second");
            }
            if (!lowerHex64(values[4])) {
                throw malformed("the certificate line must be 64 lower-case hex digits");
            }
            return new Answer(text.substring(0, text.lastIndexOf('\n')), values);
        }

        private static boolean hasControl(String line) {
            for (int i = 0; i < line.length(); i++) {
                if (Character.isISOControl(line.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        /** 43 base64url characters that decode to 32 bytes and re-encode to themselves (one spelling only). */
        private static boolean base64url32(String value) {
            if (value.length() != 43) {
                return false;
            }
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(value);
                return bytes.length == 32 && BASE64URL.encodeToString(bytes).equals(value);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static SignInRefused malformed(String message) {
            return new SignInRefused(SignInRefused.Reason.MALFORMED, message);
        }
    }
}
