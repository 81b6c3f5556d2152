package org.orgcert.key;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.orgcert.key.service.IssuedCertificate;
import org.orgcert.key.service.LossReason;
import org.orgcert.key.service.RenewalChallenge;
import org.orgcert.key.service.RenewedCertificate;
import org.orgcert.key.service.Revocation;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.service.Successor;
import org.orgcert.key.service.UnlockRequest;
import org.orgcert.token.Token;
import org.orgcert.token.TokenException;
import org.orgcert.token.TokenInfo;
import org.orgcert.token.TokenState;
import org.orgcert.token.UnblockChallenge;
import org.orgcert.token.UnblockResponse;

/**
 * The employer's USB-key assistant: one method per thing a person does with the key, on an opened
 * {@link Token} and, where the service takes part, a {@link ServiceClient}. The command line and the local
 * HTTP API are thin layers over this class; the service's end-to-end tests use it directly.
 *
 * <p>PINs and codes come in as {@code char[]} owned by the caller (the token neither keeps nor wipes them).
 * Nothing here prints, logs or returns a PIN or an unblock response. Errors are the token's
 * {@link TokenException} (WRONG_PIN with the tries left, LOCKED, ...), the service's
 * {@link org.orgcert.key.service.ServiceException} (problem code and detail) and {@link KeyAssistantException}.
 */
public final class KeyAssistant {
    /** At most this many successors are followed: a chain longer than this is a service fault, not a history. */
    static final int MAX_SUCCESSORS = 16;
    private final Clock clock;

    /** An assistant that reads the time from {@code clock} (renewal window, R-REN-1). */
    public KeyAssistant(Clock clock) {
        this.clock = clock;
    }

    /** An assistant on the system clock. */
    public static KeyAssistant systemClock() {
        return new KeyAssistant(Clock.systemUTC());
    }

    /** The token and its certificate with the renewal window; no PIN needed. */
    public KeyInfo info(Token token) {
        TokenInfo info = token.info();
        Optional<byte[]> der = token.certificate();
        if (der.isEmpty()) {
            return new KeyInfo(info, null, null);
        }
        CertificateSummary certificate = CertificateSummary.parse(der.get());
        return new KeyInfo(info, certificate, certificate.renewalWindow(clock.instant()));
    }

    /**
     * Replaces the PIN. A wrong old PIN counts a try (R-CERT-2).
     *
     * @throws TokenException PIN_POLICY (nothing counted), WRONG_PIN, LOCKED
     */
    public void changePin(Token token, char[] oldPin, char[] newPin) {
        token.changePin(oldPin, newPin);
    }

    /**
     * Signs {@code data} (e.g. a relying platform's login challenge) with the token's key.
     *
     * @throws KeyAssistantException NO_CERTIFICATE before any PIN try: a signature nobody can check is useless
     * @throws TokenException        WRONG_PIN, LOCKED, NO_KEY
     */
    public SignedData sign(Token token, char[] pin, byte[] data) {
        byte[] certificate = requireCertificate(token);
        return new SignedData(token.sign(pin, data), certificate);
    }

    /**
     * The challenge the token shows for its current unblock code; allowed locked or not, no PIN.
     *
     * @throws TokenException UNBLOCK_EXHAUSTED
     */
    public UnblockChallenge unblockChallenge(Token token) {
        return token.unblockChallenge();
    }

    /**
     * Unblocks the token with the bureau's response and sets {@code newPin} (free, R-FEE-1 d).
     *
     * @throws TokenException PIN_POLICY (the response stays usable), WRONG_UNBLOCK_RESPONSE, UNBLOCK_EXHAUSTED
     */
    public void unblock(Token token, UnblockResponse response, char[] newPin) {
        token.unblock(response, newPin);
    }

    /**
     * Writes a certificate to the token; refused before any PIN try when it certifies another key (R-CERT-2).
     *
     * @throws KeyAssistantException BAD_CERTIFICATE
     * @throws TokenException        CERTIFICATE_MISMATCH, NO_KEY, WRONG_PIN, LOCKED
     */
    public CertificateSummary importCertificate(Token token, char[] pin, byte[] certificateDer) {
        CertificateSummary summary = CertificateSummary.parse(certificateDer);
        token.importCertificate(pin, certificateDer);
        return summary;
    }

    /**
     * Remote annual renewal (R-REN-1, R-REN-2): asks the service for a challenge, signs it with the token's key,
     * sends the signature and writes the renewed certificate (same key) to the token.
     *
     * <p>The service's {@code toBeSigned} must be this certificate's renewal challenge
     * ({@code "orgcert-renewal\n" + serial + "\n" + nonce}); anything else is refused before the PIN is used,
     * so a service that is not ours cannot have the token sign, say, a relying platform's login challenge.
     *
     * @throws KeyAssistantException NO_CERTIFICATE, UNEXPECTED_CHALLENGE, BAD_CERTIFICATE
     * @throws TokenException        LOCKED (checked before the service is asked), WRONG_PIN, CERTIFICATE_MISMATCH
     * @throws org.orgcert.key.service.ServiceException renewal-not-open (with opensOn), certificate-expired, ...
     */
    public Renewal renew(Token token, ServiceClient service, char[] pin) {
        requireUnlocked(token);
        CertificateSummary current = CertificateSummary.parse(requireCertificate(token));
        RenewalChallenge challenge = service.renewalChallenge(current.serialHex());
        checkRenewalChallenge(current.serialHex(), challenge);
        byte[] signature = token.sign(pin, challenge.toBeSigned());
        RenewedCertificate renewed = service.renew(current.serialHex(), challenge.nonce(), signature);
        if (renewed.awaitingPayment()) {
            return new Renewal(current, null, renewed.applicationId(), renewed.fee());
        }
        CertificateSummary next;
        try {
            next = write(token, pin, renewed.certificate());
        } catch (RuntimeException e) {
            // the service has renewed: the certificate is not lost, only not on the token yet
            throw new KeyAssistantException(KeyAssistantException.Kind.NOT_WRITTEN, "The service renewed certificate "
                    + current.serialHex() + " as " + renewed.certificate().serial() + ", but writing it to the token"
                    + " failed: " + e.getMessage() + " Run fetch-successor to write it.", e);
        }
        return new Renewal(current, next, renewed.applicationId(), renewed.fee());
    }

    /**
     * Fetches the successor of the token's certificate (after an information change, R-FEE-1 c, or a renewal
     * whose certificate did not reach the token) and writes it to the token. Follows successors of successors to
     * the newest.
     *
     * @throws KeyAssistantException NO_CERTIFICATE, NO_SUCCESSOR, BAD_CERTIFICATE
     * @throws TokenException        CERTIFICATE_MISMATCH (a successor for another key), WRONG_PIN, LOCKED
     */
    public SuccessorUpdate fetchSuccessor(Token token, ServiceClient service, char[] pin) {
        requireUnlocked(token);
        CertificateSummary current = CertificateSummary.parse(requireCertificate(token));
        Optional<Successor> next = service.successor(current.serialHex());
        if (next.isEmpty()) {
            throw new KeyAssistantException(KeyAssistantException.Kind.NO_SUCCESSOR, "The service has no newer"
                    + " certificate for certificate " + current.serialHex() + "; the token already holds the latest.");
        }
        Successor newest = next.get();
        int steps = 1;
        for (Optional<Successor> further = service.successor(newest.certificate().serial()); further.isPresent();
                further = service.successor(newest.certificate().serial())) {
            if (++steps > MAX_SUCCESSORS) {
                throw new KeyAssistantException(KeyAssistantException.Kind.NO_SUCCESSOR, "The service lists more than "
                        + MAX_SUCCESSORS + " successors of certificate " + current.serialHex() + "; ask the bureau.");
            }
            newest = further.get();
        }
        CertificateSummary written = write(token, pin, newest.certificate());
        return new SuccessorUpdate(current, written, newest.reason(), steps, confirmOnKey(token, service, pin, written));
    }

    /**
     * Tells the service the certificate is on the token, signed by its key, so the one it replaces ends now rather
     * than after the service's grace period. Written is written: a failure here is reported, not thrown.
     */
    private static boolean confirmOnKey(Token token, ServiceClient service, char[] pin, CertificateSummary written) {
        try {
            service.confirmOnKey(written.serialHex(), token.sign(pin, expectedOnKeyBytes(written.serialHex())));
            return true;
        } catch (org.orgcert.key.service.ServiceException | TokenException e) {
            return false;
        }
    }

    /** The bytes the token signs to confirm certificate {@code serialHex} is on it. */
    static byte[] expectedOnKeyBytes(String serialHex) {
        return ("orgcert-on-key\n" + serialHex.toUpperCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Files an unlock request for the token's current unblock challenge, in the employer agent's session
     * ({@link ServiceClient#signIn}), with the SHA-256 of {@code secret}: only its holder gets the response. Free
     * (R-FEE-1 d).
     *
     * @throws TokenException UNBLOCK_EXHAUSTED (a locked token without codes goes back to the bureau)
     * @throws org.orgcert.key.service.ServiceException unknown-token, unlock-rate-limited, invalid-challenge
     */
    public UnlockRequest requestUnlock(Token token, ServiceClient service, UnlockSecret secret) {
        String serial = token.info().serial();
        return service.fileUnlockRequest(serial, token.unblockChallenge(), secret.hash());
    }

    /**
     * Polls unlock request {@code id} every {@code interval} until staff approve or reject it, or until
     * {@code timeout} has passed (then the last, still pending, state is returned).
     *
     * @param onPoll sees each state read, e.g. to print progress; never sees the response text
     */
    public UnlockRequest awaitUnlockDecision(ServiceClient service, String id, Duration interval, Duration timeout,
            Consumer<UnlockRequest> onPoll) {
        // elapsed time, not the business clock: a test's fixed clock must not make this wait for ever
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            UnlockRequest request = service.unlockRequest(id);
            onPoll.accept(request);
            if (request.state() != UnlockRequest.State.PENDING || System.nanoTime() + interval.toNanos() - deadline > 0) {
                return request;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return request;
            }
        }
    }

    /**
     * Applies an approved unlock request: gets its one-time response from the service with the {@code secret} made
     * when filing it, unblocks the token with it and sets {@code newPin}.
     *
     * @throws KeyAssistantException NOT_APPROVED when the request is not approved or is another token's
     * @throws TokenException        PIN_POLICY (try another PIN; the response stays usable), WRONG_UNBLOCK_RESPONSE
     *                               (the token shows another challenge now)
     * @throws org.orgcert.key.service.ServiceException {@code wrong-response-secret}, {@code unlock-not-approved}
     */
    public void applyUnlock(Token token, ServiceClient service, UnlockRequest approved, UnlockSecret secret,
            char[] newPin) {
        if (approved.state() != UnlockRequest.State.APPROVED) {
            throw new KeyAssistantException(KeyAssistantException.Kind.NOT_APPROVED, "Unlock request " + approved.id()
                    + " is " + approved.state() + ", not approved.");
        }
        String serial = token.info().serial();
        if (!serial.equals(approved.tokenSerial())) {
            throw new KeyAssistantException(KeyAssistantException.Kind.NOT_APPROVED, "Unlock request " + approved.id()
                    + " is for token " + approved.tokenSerial() + ", not for this token " + serial + ".");
        }
        token.unblock(service.unlockResponse(approved.id(), secret), newPin);
    }

    /**
     * Reports a certificate lost, damaged or cancelled in the employer agent's session; the service revokes it at
     * once (R-FEE-2: a new certificate is paid). Needs no token: a lost key is not at hand.
     *
     * @throws org.orgcert.key.service.ServiceException not-your-certificate, already-revoked, unauthenticated
     */
    public Revocation reportLoss(ServiceClient service, String serialHex, LossReason reason) {
        return service.reportLoss(serialHex, reason);
    }

    /**
     * The bytes the service's renewal challenge must ask for: {@code "orgcert-renewal\n" + serial + "\n" + nonce}
     * for this certificate's serial (upper-case hex, as the service writes it).
     */
    static byte[] expectedRenewalBytes(String serialHex, String nonce) {
        return ("orgcert-renewal\n" + serialHex + "\n" + nonce).getBytes(StandardCharsets.UTF_8);
    }

    /** @throws KeyAssistantException UNEXPECTED_CHALLENGE unless it is this certificate's renewal challenge */
    static void checkRenewalChallenge(String serialHex, RenewalChallenge challenge) {
        // the same serial as a number, spelt as the service spells it in the signed text
        boolean ours = sameSerial(challenge.serial(), serialHex) && !challenge.nonce().isEmpty()
                && challenge.nonce().chars().allMatch(c -> c > ' ' && c < 127)
                && Arrays.equals(challenge.toBeSigned(), expectedRenewalBytes(challenge.serial(), challenge.nonce()));
        if (!ours) {
            throw new KeyAssistantException(KeyAssistantException.Kind.UNEXPECTED_CHALLENGE, "The service asked the"
                    + " token to sign something that is not the renewal challenge of certificate " + serialHex
                    + "; nothing was signed. Check that --service names the bureau's service.");
        }
    }

    private static boolean sameSerial(String a, String b) {
        try {
            return new BigInteger(a, 16).equals(new BigInteger(b, 16));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private CertificateSummary write(Token token, char[] pin, IssuedCertificate issued) {
        CertificateSummary summary = CertificateSummary.parse(issued.der());
        token.importCertificate(pin, issued.der());
        return summary;
    }

    private static byte[] requireCertificate(Token token) {
        return token.certificate().orElseThrow(() -> new KeyAssistantException(
                KeyAssistantException.Kind.NO_CERTIFICATE, "The token holds no certificate yet."));
    }

    /** A locked token would refuse the PIN anyway; saying so before the service is asked spares a challenge. */
    private static void requireUnlocked(Token token) {
        if (token.info().state() == TokenState.LOCKED) {
            throw new TokenException(TokenException.Kind.LOCKED, "The token is locked after too many wrong PINs;"
                    + " request an unlock (free, R-FEE-1 d): orgcert-key unlock --mobile <number>.");
        }
    }
}
