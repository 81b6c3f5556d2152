package org.orgcert.token;

/**
 * Everything a token stores to guard its secret K (see {@link PinGuard}); none of it is secret by itself.
 *
 * @param maxRetries        PIN tries a correct PIN restores
 * @param retriesLeft       tries left; 0 means locked
 * @param kdfIterations     PBKDF2 iterations for this token's PIN key
 * @param pinSalt           16 random bytes, new with every PIN change
 * @param pinWrappedKey     K sealed under PBKDF2(PIN)
 * @param challenge         the current unblock challenge c (10 bytes)
 * @param nextChallenge     c_next once a challenge was shown, else empty; kept until an unblock succeeds so
 *                          showing the challenge twice shows the same text
 * @param unblockWrappedKey K sealed under a key derived from HMAC(S, c)
 */
record GuardState(int maxRetries, int retriesLeft, int kdfIterations, byte[] pinSalt, byte[] pinWrappedKey,
        byte[] challenge, byte[] nextChallenge, byte[] unblockWrappedKey) {

    /** Whether too many wrong PINs locked the token. */
    boolean locked() {
        return retriesLeft == 0;
    }

    GuardState withRetriesLeft(int retries) {
        return new GuardState(maxRetries, retries, kdfIterations, pinSalt, pinWrappedKey, challenge,
                nextChallenge, unblockWrappedKey);
    }

    GuardState withPin(byte[] salt, byte[] wrapped) {
        return new GuardState(maxRetries, maxRetries, kdfIterations, salt, wrapped, challenge, nextChallenge,
                unblockWrappedKey);
    }

    GuardState withNextChallenge(byte[] next) {
        return new GuardState(maxRetries, retriesLeft, kdfIterations, pinSalt, pinWrappedKey, challenge, next,
                unblockWrappedKey);
    }

    GuardState withUnblock(byte[] newChallenge, byte[] wrapped) {
        return new GuardState(maxRetries, retriesLeft, kdfIterations, pinSalt, pinWrappedKey, newChallenge,
                new byte[0], wrapped);
    }

    @Override
    public String toString() {
        return "GuardState[retriesLeft=" + retriesLeft + "/" + maxRetries + "]";
    }
}
