package org.orgcert.key.signin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orgcert.key.KeyAssistantException;
import org.orgcert.token.Token;
import org.orgcert.token.TokenException;

/**
 * Signing in to relying platforms with the key (R-USE-1..3, docs/signin.md), the assistant's side: a platform's
 * page {@link #ask asks}, the employer {@link #confirm confirms} (or {@link #refuse refuses}) on the assistant's own
 * page, and the key signs the challenge with a presence line whose secret stays here until the key is
 * {@link #keyRemoved removed}. Thread-safe; everything is in memory.
 */
public final class SignIns {
    /** How far the challenge's time may be from this computer's clock, either way. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    /** The longest platform name shown, in characters. */
    static final int MAX_NAME = 64;
    /** What a PIN is checked against to open a PIN session: a fixed text that is no challenge anyone accepts. */
    private static final byte[] PIN_CHECK = "orgcert-assistant/pin-check".getBytes(StandardCharsets.UTF_8);

    private final Clock clock;
    private final SignInRequests requests = new SignInRequests();
    private final PresenceSecrets secrets = new PresenceSecrets();
    private final ApprovedSignIns approved = new ApprovedSignIns();
    private final PinSession pinSession = new PinSession();

    /** Sign-ins on {@code clock} (challenge times, expiry, PIN session length). */
    public SignIns(Clock clock) {
        this.clock = clock;
    }

    /**
     * A platform's page asks to sign in. Checked in this order, before the employer sees anything: the challenge's
     * shape, its origin against the page's {@code Origin}, its certificate against the key's, its time against
     * this computer's clock.
     *
     * @param requestOrigin the {@code Origin} header of the request (already one of the allowed origins)
     * @param platformName  the name to show the employer, as the page gave it
     * @param certificate   the DER of the certificate on the key
     * @throws SignInException MALFORMED_CHALLENGE, ORIGIN_MISMATCH, CERTIFICATE_MISMATCH, STALE_CHALLENGE,
     *                         BAD_PLATFORM_NAME, TOO_MANY_PENDING
     */
    public SignInRequest ask(String requestOrigin, String platformName, String challengeText, byte[] certificate) {
        Challenge challenge = Challenge.parse(challengeText);
        if (!challenge.origin().equals(requestOrigin)) {
            throw new SignInException(SignInException.Reason.ORIGIN_MISMATCH, "The challenge was made for "
                    + challenge.origin() + ", not for the page that asks (" + requestOrigin + ").");
        }
        if (!challenge.certificate().equals(Challenge.certificateHash(certificate))) {
            throw new SignInException(SignInException.Reason.CERTIFICATE_MISMATCH, "The challenge names another"
                    + " certificate than the one on this key.");
        }
        Instant now = clock.instant();
        if (Duration.between(challenge.time(), now).abs().compareTo(CLOCK_TOLERANCE) > 0) {
            throw new SignInException(SignInException.Reason.STALE_CHALLENGE, "The challenge's time "
                    + challenge.time() + " is more than 5 minutes from this computer's clock (" + now + ").");
        }
        return requests.add(requestOrigin, checkedName(platformName), challenge, now);
    }

    /** The request {@code id}, if it is still known. */
    public Optional<SignInRequest> find(String id) {
        return id == null ? Optional.empty() : requests.find(id, clock.instant());
    }

    /** Where {@code request} stands now. */
    public SignInState state(SignInRequest request) {
        return request.stateAt(clock.instant());
    }

    /** The time now, on the sign-ins' clock (for pages that show how long is left). */
    public Instant now() {
        return clock.instant();
    }

    /**
     * The employer confirms request {@code id}: the key signs the challenge with a new presence line, with
     * {@code pin}, or with the open PIN session when {@code pin} is null.
     *
     * @throws SignInException      UNKNOWN_REQUEST, NOT_PENDING, CERTIFICATE_MISMATCH (another key was plugged in
     *                              since; checked before the PIN), NO_PIN_SESSION
     * @throws TokenException       WRONG_PIN (a try counted; a PIN session ends), LOCKED
     * @throws KeyAssistantException NO_CERTIFICATE
     */
    public SignedSignIn confirm(String id, Token token, char[] pin) {
        SignInRequest request = find(id).orElseThrow(SignIns::unknown);
        // one confirmation at a time per request: a double click must not sign twice
        synchronized (request) {
            Instant now = clock.instant();
            request.requirePending(now);
            byte[] certificate = token.certificate().orElseThrow(() -> new KeyAssistantException(
                    KeyAssistantException.Kind.NO_CERTIFICATE, "The token holds no certificate."));
            if (!request.challenge().certificate().equals(Challenge.certificateHash(certificate))) {
                throw new SignInException(SignInException.Reason.CERTIFICATE_MISMATCH, "Another key is plugged in"
                        + " than the one the sign-in was asked for.");
            }
            PresenceSecret presence = PresenceSecret.random();
            String text = request.challenge().withPresence(presence.hash());
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            byte[] signature;
            try {
                signature = pin != null ? token.sign(pin, bytes) : withSession(now, p -> token.sign(p, bytes));
            } catch (RuntimeException e) {
                presence.wipe();
                throw e;
            }
            SignedSignIn signed = new SignedSignIn(text, signature, certificate);
            request.signed(signed);
            secrets.add(presence);
            approved.add(new ApprovedSignIn(now, request.platformName(), request.challenge().platform(),
                    request.origin()));
            return signed;
        }
    }

    /**
     * The employer refuses request {@code id}.
     *
     * @throws SignInException UNKNOWN_REQUEST, NOT_PENDING
     */
    public void refuse(String id) {
        find(id).orElseThrow(SignIns::unknown).refuse(clock.instant());
    }

    /**
     * Opens a PIN session with {@code pin}, after the token accepted it (a wrong PIN counts a try, as any).
     *
     * @throws TokenException        WRONG_PIN, LOCKED
     * @throws KeyAssistantException NO_CERTIFICATE (a key without certificate cannot sign in anyway)
     */
    public Instant openPinSession(Token token, char[] pin) {
        if (token.certificate().isEmpty()) {
            throw new KeyAssistantException(KeyAssistantException.Kind.NO_CERTIFICATE, "The token holds no"
                    + " certificate.");
        }
        token.sign(pin, PIN_CHECK);
        Instant now = clock.instant();
        pinSession.open(pin, now);
        return now.plus(PinSession.MAX_LENGTH);
    }

    /** The PIN session (to show or close it). */
    public PinSession pinSession() {
        return pinSession;
    }

    /** The sign-ins approved lately, newest first (at most 50). */
    public List<ApprovedSignIn> approved() {
        return approved.newestFirst();
    }

    /** How many presence secrets wait for the key to be removed. */
    public int presenceSecretsKept() {
        return secrets.size();
    }

    /**
     * The key was removed: the PIN session ends, and the presence secrets of every sign-in approved since the key
     * was plugged in are handed over (to tell the provider; the caller wipes them) and forgotten here.
     */
    public List<PresenceSecret> keyRemoved() {
        pinSession.close();
        return secrets.drain();
    }

    private byte[] withSession(Instant now, java.util.function.Function<char[], byte[]> sign) {
        try {
            return pinSession.use(now, sign);
        } catch (TokenException e) {
            // the kept PIN no longer works (changed elsewhere, or the token locked): do not try it again
            pinSession.close();
            throw e;
        }
    }

    /**
     * The name as shown: trimmed, 1 to {@value #MAX_NAME} characters, no control, format (e.g. right-to-left
     * override) or line-separator characters, which could make it look like another name or another site.
     */
    static String checkedName(String raw) {
        String name = raw == null ? "" : raw.strip();
        boolean clean = name.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> true;
        });
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME || !clean) {
            throw new SignInException(SignInException.Reason.BAD_PLATFORM_NAME, "platformName must be 1 to "
                    + MAX_NAME + " printable characters.");
        }
        return name;
    }

    private static SignInException unknown() {
        return new SignInException(SignInException.Reason.UNKNOWN_REQUEST, "No such sign-in request (it may have"
                + " expired and been forgotten).");
    }
}
