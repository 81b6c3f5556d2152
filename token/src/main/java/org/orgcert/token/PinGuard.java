package org.orgcert.token;

import java.util.Arrays;

/**
 * The PIN, retry counter, lock and challenge–response unblock shared by every token kind (R-CERT-2,
 * R-FEE-1 d). It guards a 32-byte secret K: the data key of a software token, the real HSM PIN of a PKCS#11
 * token.
 *
 * <p>K is stored twice, sealed with AES-256-GCM: under PBKDF2-HMAC-SHA256(PIN, salt) and under a key
 * derived from HMAC(S, c), where S is the token's unblock secret (see {@link UnblockAuthority}) and c the
 * current challenge. The token never holds S. To unblock, the token shows c || c_next, the bureau answers
 * HMAC(S, c) || HMAC(S, c_next), the token opens K with the first half, seals it again under the second
 * half and the new PIN, and replaces c by c_next. A response therefore works once: after use its first half
 * answers a challenge the token no longer has.
 *
 * <p>Invariants kept here:
 * <ul>
 * <li>A PIN attempt is counted before it is checked, and the count is stored first, so cutting the power
 *     (or killing the process) in the middle does not give a free try. The count it starts from is the one
 *     on disk: the token re-reads the state under its file lock before each operation (see
 *     {@link GuardedToken}), so several handles on one token share one counter.</li>
 * <li>A correct PIN restores all tries; the try that reaches zero locks; a locked token refuses every PIN,
 *     even the right one, until unblocked.</li>
 * <li>A wrong, foreign or replayed unblock response changes nothing. Failed unblocks are not counted: a
 *     128-bit answer cannot be guessed online, and counting would let a prankster brick the token.</li>
 * <li>A challenge may be shown whether or not the token is locked, so a user who forgot the PIN can reset
 *     it without first burning the remaining tries. Showing it again shows the same c_next.</li>
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

    PinGuard(String serial, PinPolicy policy, GuardState state, Store store) {
        this.serial = serial;
        this.policy = policy;
        this.state = state;
        this.store = store;
    }

    /** The state of a new token guarding {@code secret} with {@code pin} and the bureau's first challenge. */
    static GuardState initial(String serial, byte[] secret, char[] pin, UnblockSeed seed, TokenSettings settings) {
        settings.pinPolicy().check(pin);
        byte[] salt = Crypto.random(SALT_BYTES);
        byte[] pinWrapped = sealUnderPin(serial, secret, pin, salt, settings.kdfIterations());
        byte[] unblockWrapped = sealUnderAnswer(serial, secret, seed.challenge(), seed.answer());
        return new GuardState(settings.maxRetries(), settings.maxRetries(), settings.kdfIterations(), salt,
                pinWrapped, seed.challenge(), new byte[0], unblockWrapped);
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
        int left = state.retriesLeft() - 1;
        save(state.withRetriesLeft(left)); // counted before checked: see the class comment
        byte[] key = pin == null ? null : Crypto.pinKey(pin, state.pinSalt(), state.kdfIterations());
        byte[] secret = key == null ? null : Crypto.open(key, state.pinWrappedKey(), pinAad());
        Crypto.wipe(key);
        if (secret == null) {
            throw TokenException.wrongPin(left);
        }
        save(state.withRetriesLeft(state.maxRetries()));
        return secret;
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

    /** The challenge to read to the bureau; the same one until an unblock succeeds. */
    UnblockChallenge challenge() {
        if (state.nextChallenge().length == 0) {
            save(state.withNextChallenge(Crypto.random(UnblockChallenge.HALF_BYTES)));
        }
        return new UnblockChallenge(state.challenge(), state.nextChallenge());
    }

    /**
     * Unblocks with the bureau's response and sets {@code newPin}, restoring all tries.
     *
     * @throws TokenException PIN_POLICY for a bad new PIN, WRONG_UNBLOCK_RESPONSE for a response that does
     *                        not answer this token's current challenge (nothing changes)
     */
    void unblock(UnblockResponse response, char[] newPin) {
        policy.check(newPin);
        if (state.nextChallenge().length == 0) {
            throw new TokenException(TokenException.Kind.WRONG_UNBLOCK_RESPONSE,
                    "This token has not shown an unblock challenge yet; show one and read it to the bureau.");
        }
        byte[] secret = openUnderAnswer(state.challenge(), response.forCurrent(), state.unblockWrappedKey());
        if (secret == null) {
            throw new TokenException(TokenException.Kind.WRONG_UNBLOCK_RESPONSE,
                    "The unblock response does not match this token's challenge. Check the token serial and the"
                            + " challenge read to the bureau, or ask for a new response.");
        }
        try {
            byte[] next = state.nextChallenge();
            GuardState rewrapped = state.withUnblock(next,
                    sealUnderAnswer(serial, secret, next, response.forNext()));
            byte[] salt = Crypto.random(SALT_BYTES);
            save(rewrapped.withPin(salt, sealUnderPin(serial, secret, newPin, salt, state.kdfIterations())));
        } finally {
            Crypto.wipe(secret);
        }
    }

    private void setPin(byte[] secret, char[] pin) {
        byte[] salt = Crypto.random(SALT_BYTES);
        save(state.withPin(salt, sealUnderPin(serial, secret, pin, salt, state.kdfIterations())));
    }

    private void save(GuardState next) {
        store.save(next);
        state = next;
    }

    private byte[] pinAad() {
        return Crypto.utf8("orgcert-pin|" + serial);
    }

    private static byte[] sealUnderPin(String serial, byte[] secret, char[] pin, byte[] salt, int iterations) {
        byte[] key = Crypto.pinKey(pin, salt, iterations);
        try {
            return Crypto.seal(key, secret, Crypto.utf8("orgcert-pin|" + serial));
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
