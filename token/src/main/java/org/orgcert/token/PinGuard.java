package org.orgcert.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The PIN, retry counter, lock and challenge–response unblock shared by every token kind (R-CERT-2,
 * R-FEE-1 d). It guards a 32-byte secret K: the data key of a software token, the real HSM PIN of a PKCS#11
 * token.
 *
 * <p>K is stored sealed with AES-256-GCM under scrypt(PIN, salt) ({@link PinKdf}), and once more for each unused
 * unblock code: at personalisation the bureau hands the token N challenges c_i with their answers HMAC(S, c_i)
 * ({@link UnblockSeeds}; S is the token's unblock secret, see {@link UnblockAuthority}); the token keeps
 * c_i and K sealed under a key derived from each answer, never the answers. To unblock, the token shows the
 * current c_i, the bureau answers HMAC(S, c_i), and the token opens K with it, deletes that code, and seals K
 * under the new PIN. The next challenge is c_{i+1}, whose answer nobody outside the bureau has seen.
 *
 * <p>Invariants kept here:
 * <ul>
 * <li>A PIN attempt is counted before it is checked, and the count is stored first, so cutting the power
 *     (or killing the process) in the middle does not give a free try. The count it starts from is the one
 *     on disk: the token re-reads the state under its file lock before each operation (see
 *     {@link GuardedToken}), so several handles on one token share one counter.</li>
 * <li>A correct PIN restores all tries; the try that reaches zero locks; a locked token refuses every PIN,
 *     even the right one, until unblocked.</li>
 * <li>The token never takes a future unblock key from the user: codes come only from the bureau, at
 *     personalisation or through {@link #replenish}, which needs the current PIN. A used code's sealed copy is
 *     deleted in the same write that sets the new PIN, so a code works once.</li>
 * <li>A wrong, foreign or replayed unblock response changes nothing. Failed unblocks are not counted: a
 *     128-bit answer cannot be guessed online, and counting would let a prankster brick the token.</li>
 * <li>A challenge may be shown whether or not the token is locked, so a user who forgot the PIN can reset
 *     it without first burning the remaining tries; it stays the same until a code is used or replaced.</li>
 * <li>When the codes are used up, showing a challenge or unblocking fails with UNBLOCK_EXHAUSTED rather than
 *     with a misleading wrong-response error.</li>
 * </ul>
 */
final class PinGuard {
    /** Where the guard's state goes after every change (the token file or the PKCS#11 side file). */
    interface Store {
        void save(GuardState state);
    }

    private static final int SALT_BYTES = 16;
    private final String serial;
    private final PinPolicy policy;
    private final Store store;
    private GuardState state;
    /**
     * This handle's PIN session, like a PKCS#11 login: after a right PIN, the scrypt key it gave and a tag
     * of that PIN and salt under a key that exists only in this object. The same handle's later operations
     * with the same PIN open K without scrypt and without counting a try, which is safe because only a PIN
     * already proven right can match the tag. A new salt (the PIN changed here or through another handle)
     * never matches; {@link #endSession} wipes it.
     */
    private final byte[] sessionKey = Crypto.random(32);
    private byte[] sessionTag;
    private byte[] sessionPinKey;

    PinGuard(String serial, PinPolicy policy, GuardState state, Store store) {
        this.serial = serial;
        this.policy = policy;
        this.state = state;
        this.store = store;
    }

    /**
     * A new token's guard state, with the scrypt key of its first PIN: the handle that creates a token has
     * just set that PIN, so it starts its PIN session with this key ({@link #beginSession}) instead of
     * deriving it again on the first operation.
     */
    record Fresh(GuardState state, byte[] pinKey) {
    }

    /** The state of a new token guarding {@code secret} with {@code pin} and the bureau's unblock codes. */
    static Fresh initial(String serial, byte[] secret, char[] pin, UnblockSeeds seeds, TokenSettings settings) {
        settings.pinPolicy().check(pin);
        List<GuardState.UnblockWrap> wraps = wraps(serial, secret, seeds);
        byte[] salt = Crypto.random(SALT_BYTES);
        byte[] key = Crypto.pinKey(pin, salt, settings.kdf());
        byte[] pinWrapped = Crypto.seal(key, secret, pinAad(serial));
        return new Fresh(new GuardState(settings.maxRetries(), settings.maxRetries(), settings.kdf(), salt,
                pinWrapped, wraps), key);
    }

    /** Starts this handle's PIN session with the key of the PIN the handle itself has just set. */
    void beginSession(char[] pin, byte[] pinKey) {
        endSession();
        sessionTag = sessionTag(pin);
        sessionPinKey = pinKey;
    }

    /** K sealed under each seed's answer; the answers are not kept. */
    private static List<GuardState.UnblockWrap> wraps(String serial, byte[] secret, UnblockSeeds seeds) {
        checkSeeds(serial, seeds);
        List<GuardState.UnblockWrap> wraps = new ArrayList<>();
        for (UnblockSeed seed : seeds.seeds()) {
            byte[] answer = seed.answer();
            try {
                wraps.add(new GuardState.UnblockWrap(seed.challenge(),
                        sealUnderAnswer(serial, secret, seed.challenge(), answer)));
            } finally {
                Crypto.wipe(answer);
            }
        }
        return wraps;
    }

    /** Refuses a missing batch or one made for another serial, before anything else happens. */
    private static void checkSeeds(String serial, UnblockSeeds seeds) {
        if (seeds == null) {
            throw new TokenException(TokenException.Kind.MALFORMED, "The unblock codes are missing.");
        }
        if (!seeds.serial().equals(serial)) {
            throw new TokenException(TokenException.Kind.MALFORMED, "These unblock codes were made for another"
                    + " token (serial " + seeds.serial() + ", this token is " + serial + ").");
        }
    }

    GuardState state() {
        return state;
    }

    /** Continues from {@code current}, the state just read from disk under the token's file lock. */
    void reload(GuardState current) {
        state = current;
    }

    /**
     * K, if {@code pin} is right. The caller wipes it after use.
     *
     * @throws TokenException LOCKED, or WRONG_PIN with the tries left
     */
    byte[] unlock(char[] pin) {
        requireUnlocked();
        byte[] tag = pin == null ? null : sessionTag(pin);
        if (tag != null && sessionTag != null && java.security.MessageDigest.isEqual(tag, sessionTag)) {
            byte[] secret = Crypto.open(sessionPinKey, state.pinWrappedKey(), pinAad());
            if (secret != null) {
                if (state.retriesLeft() != state.maxRetries()) {
                    save(state.withRetriesLeft(state.maxRetries()));
                }
                return secret;
            }
            endSession(); // the wrap changed under this handle: check the PIN in full
        }
        int left = state.retriesLeft() - 1;
        save(state.withRetriesLeft(left)); // counted before checked: see the class comment
        byte[] key = pin == null ? null : Crypto.pinKey(pin, state.pinSalt(), state.kdf());
        byte[] secret = key == null ? null : Crypto.open(key, state.pinWrappedKey(), pinAad());
        if (secret == null) {
            Crypto.wipe(key);
            throw TokenException.wrongPin(left);
        }
        save(state.withRetriesLeft(state.maxRetries()));
        endSession();
        sessionTag = tag;
        sessionPinKey = key;
        return secret;
    }

    /** Forgets this handle's PIN session (on close, and whenever the PIN changes). */
    void endSession() {
        Crypto.wipe(sessionPinKey);
        sessionPinKey = null;
        sessionTag = null;
    }

    private byte[] sessionTag(char[] pin) {
        java.nio.ByteBuffer encoded = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pin));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return Crypto.hmac(sessionKey, state.pinSalt(), bytes);
        } finally {
            Crypto.wipe(bytes);
        }
    }

    /** Fails with LOCKED when the token is locked. */
    void requireUnlocked() {
        if (state.locked()) {
            throw new TokenException(TokenException.Kind.LOCKED, "The token is locked after too many wrong PINs."
                    + " Ask the bureau for an unblock code (unblocking is free).");
        }
    }

    /** Replaces the PIN after checking the old one; the new one must follow the policy. */
    void changePin(char[] oldPin, char[] newPin) {
        policy.check(newPin);
        byte[] secret = unlock(oldPin);
        try {
            setPin(secret, newPin);
        } finally {
            Crypto.wipe(secret);
        }
    }

    /**
     * The challenge to read to the bureau: the current code's; the same one until it is used or replaced.
     *
     * @throws TokenException UNBLOCK_EXHAUSTED when every code is used
     */
    UnblockChallenge challenge() {
        return new UnblockChallenge(current().challenge());
    }

    /** How many unblock codes are left. */
    int codesLeft() {
        return state.unblockWraps().size();
    }

    /**
     * Unblocks with the bureau's response to the current challenge and sets {@code newPin}, restoring all
     * tries; that code is deleted in the same write.
     *
     * @throws TokenException PIN_POLICY for a bad new PIN, UNBLOCK_EXHAUSTED when no code is left,
     *                        WRONG_UNBLOCK_RESPONSE for a response that does not answer this token's current
     *                        challenge (nothing changes)
     */
    void unblock(UnblockResponse response, char[] newPin) {
        policy.check(newPin);
        GuardState.UnblockWrap code = current();
        byte[] answer = response.answer();
        byte[] secret = openUnderAnswer(code.challenge(), answer, code.sealedKey());
        Crypto.wipe(answer);
        if (secret == null) {
            throw new TokenException(TokenException.Kind.WRONG_UNBLOCK_RESPONSE,
                    "The unblock response does not match this token's challenge. Check the token serial and the"
                            + " challenge read to the bureau, or ask for a new response.");
        }
        try {
            List<GuardState.UnblockWrap> rest = state.unblockWraps().subList(1, state.unblockWraps().size());
            byte[] salt = Crypto.random(SALT_BYTES);
            save(state.withUnblockWraps(rest)
                    .withPin(salt, sealUnderPin(serial, secret, newPin, salt, state.kdf())));
        } finally {
            Crypto.wipe(secret);
        }
    }

    /**
     * Replaces all unused unblock codes with {@code seeds} from the bureau. Needs the current PIN (a try is
     * counted as for any PIN operation), because K must be open to be sealed again.
     *
     * @throws TokenException MALFORMED (missing, or codes for another serial; before the PIN), WRONG_PIN,
     *                        LOCKED
     */
    void replenish(char[] pin, UnblockSeeds seeds) {
        checkSeeds(serial, seeds);
        byte[] secret = unlock(pin);
        try {
            save(state.withUnblockWraps(wraps(serial, secret, seeds)));
        } finally {
            Crypto.wipe(secret);
        }
    }

    private GuardState.UnblockWrap current() {
        if (state.unblockWraps().isEmpty()) {
            throw new TokenException(TokenException.Kind.UNBLOCK_EXHAUSTED, "This token has used all its unblock"
                    + " codes. Unlocked, it can receive new ones from the bureau; locked, it must be taken to the"
                    + " bureau to be personalised again.");
        }
        return state.unblockWraps().get(0);
    }

    private void setPin(byte[] secret, char[] pin) {
        endSession();
        byte[] salt = Crypto.random(SALT_BYTES);
        save(state.withPin(salt, sealUnderPin(serial, secret, pin, salt, state.kdf())));
    }

    private void save(GuardState next) {
        store.save(next);
        state = next;
    }

    private byte[] pinAad() {
        return pinAad(serial);
    }

    private static byte[] pinAad(String serial) {
        return Crypto.utf8("orgcert-pin|" + serial);
    }

    private static byte[] sealUnderPin(String serial, byte[] secret, char[] pin, byte[] salt, PinKdf kdf) {
        byte[] key = Crypto.pinKey(pin, salt, kdf);
        try {
            return Crypto.seal(key, secret, pinAad(serial));
        } finally {
            Crypto.wipe(key);
        }
    }

    private static byte[] sealUnderAnswer(String serial, byte[] secret, byte[] challenge, byte[] answer) {
        byte[] key = answerKey(answer);
        try {
            return Crypto.seal(key, secret, unblockAad(serial, challenge));
        } finally {
            Crypto.wipe(key);
        }
    }

    private byte[] openUnderAnswer(byte[] challenge, byte[] answer, byte[] sealed) {
        byte[] key = answerKey(answer);
        try {
            return Crypto.open(key, sealed, unblockAad(serial, challenge));
        } finally {
            Crypto.wipe(key);
        }
    }

    /** A 256-bit AES key from a 128-bit answer, in a domain of its own. */
    private static byte[] answerKey(byte[] answer) {
        return Crypto.sha256(Crypto.utf8("orgcert-unblock-kek"), answer);
    }

    private static byte[] unblockAad(String serial, byte[] challenge) {
        byte[] prefix = Crypto.utf8("orgcert-unblock|" + serial + "|");
        byte[] aad = Arrays.copyOf(prefix, prefix.length + challenge.length);
        System.arraycopy(challenge, 0, aad, prefix.length, challenge.length);
        return aad;
    }
}
