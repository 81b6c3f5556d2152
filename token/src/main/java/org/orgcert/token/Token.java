package org.orgcert.token;

import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * A USB key as the employer holds it (R-CERT-2): the signing key is generated on the token and never leaves
 * it (there is no method that returns it), every use of it needs the user PIN, and too many wrong PINs lock
 * the token until the bureau unblocks it by challenge and response (free, R-FEE-1 d).
 *
 * <p>PIN rules: a wrong PIN counts down {@link TokenInfo#retriesLeft()} (6 by default); any correct PIN
 * restores all tries; at zero the token is {@link TokenState#LOCKED} and refuses every PIN operation, even
 * with the right PIN. PIN arguments are not kept or wiped by the token; callers own their arrays. A missing
 * ({@code null}) argument other than a PIN is refused as MALFORMED before any PIN try is counted.
 *
 * <p>Implementations are thread-safe (one operation at a time) and persist every change before returning.
 * Close a token when done ({@link #close()}): a PKCS#11 token then logs its device session out. Every
 * operation on a closed token fails with DEVICE.
 */
public interface Token extends AutoCloseable {

    /** Serial, label, algorithm, state, tries left and whether key and certificate exist; no PIN needed. */
    TokenInfo info();

    /**
     * Replaces the user PIN.
     *
     * @throws TokenException PIN_POLICY (new PIN; nothing counted), WRONG_PIN, LOCKED
     */
    void changePin(char[] oldPin, char[] newPin);

    /**
     * Generates a key pair on the token, replacing any earlier one and its certificate.
     *
     * @throws TokenException MALFORMED (no algorithm), UNSUPPORTED_ALGORITHM (both checked before the PIN),
     *                        WRONG_PIN, LOCKED
     */
    void generateKeyPair(char[] pin, KeyAlgorithm algorithm);

    /**
     * A PKCS#10 request for the token's key, signed on the token (proof of possession).
     *
     * @throws TokenException MALFORMED (no subject), NO_KEY, WRONG_PIN, LOCKED
     */
    byte[] createCsr(char[] pin, X500Name subject);

    /**
     * Stores the certificate the CA issued for this token's key.
     *
     * @throws TokenException MALFORMED (not a certificate), NO_KEY, CERTIFICATE_MISMATCH (certifies another
     *                        key; checked before the PIN), WRONG_PIN, LOCKED
     */
    void importCertificate(char[] pin, byte[] certificateDer);

    /** The imported certificate's DER, if any; no PIN needed, a certificate is public. */
    Optional<byte[]> certificate();

    /**
     * Signs {@code data} with the token's key; the signature algorithm is the key's (SM3withSM2,
     * SHA256withECDSA or SHA256withRSA).
     *
     * @throws TokenException MALFORMED (no data), NO_KEY, WRONG_PIN, LOCKED
     */
    byte[] sign(char[] pin, byte[] data);

    /**
     * The challenge to read to the bureau for an unblock code: that of the current one of the codes the bureau
     * gave the token ({@link UnblockSeeds}). Allowed whether or not the token is locked, so a user who forgot
     * the PIN need not first use up the tries; shows the same text until that code is used or replaced.
     *
     * @throws TokenException UNBLOCK_EXHAUSTED when every code is used
     */
    UnblockChallenge unblockChallenge();

    /**
     * Unblocks with the bureau's response to {@link #unblockChallenge()}, sets {@code newPin} and restores
     * all PIN tries. The old PIN stops working; the code is deleted, so the response never works again, and
     * the next challenge is the next code's.
     *
     * @throws TokenException MALFORMED (no response), PIN_POLICY, UNBLOCK_EXHAUSTED, WRONG_UNBLOCK_RESPONSE
     *                        (nothing changes)
     */
    void unblock(UnblockResponse response, char[] newPin);

    /**
     * Replaces the token's unused unblock codes with a new batch from the bureau
     * ({@link UnblockAuthority#provision}), e.g. when {@link TokenInfo#unblockCodesLeft()} runs low. Needs the
     * user PIN, so only the token's user, through the service's authenticated session, can do it; the token
     * never accepts unblock codes any other way.
     *
     * @throws TokenException MALFORMED (no codes, or codes for another serial; before the PIN), WRONG_PIN,
     *                        LOCKED
     */
    void replenishUnblockCodes(char[] pin, UnblockSeeds seeds);

    /**
     * Releases the token: a PKCS#11 token logs out of the device once no other open handle uses it. Closing
     * twice is harmless; the state on disk stays as it is.
     */
    @Override
    void close();
}
