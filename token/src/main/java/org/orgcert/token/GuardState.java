package org.orgcert.token;

import java.util.List;

/**
 * Everything a token stores to guard its secret K (see {@link PinGuard}); none of it is secret by itself.
 *
 * @param maxRetries    PIN tries a correct PIN restores
 * @param retriesLeft   tries left; 0 means locked
 * @param kdf           the scrypt cost of this token's PIN key
 * @param pinSalt       16 random bytes, new with every PIN change
 * @param pinWrappedKey K sealed under scrypt(PIN, pinSalt)
 * @param unblockWraps  the unused unblock codes, current first: for each bureau challenge c_i, K sealed under
 *                      a key derived from HMAC(S, c_i); empty when all are used up
 */
record GuardState(int maxRetries, int retriesLeft, PinKdf kdf, byte[] pinSalt, byte[] pinWrappedKey,
        List<UnblockWrap> unblockWraps) {

    /** One unused unblock code: its challenge (public) and K sealed under the answer (which is not stored). */
    record UnblockWrap(byte[] challenge, byte[] sealedKey) {
    }

    GuardState {
        unblockWraps = List.copyOf(unblockWraps);
    }

    /** Whether too many wrong PINs locked the token. */
    boolean locked() {
        return retriesLeft == 0;
    }

    GuardState withRetriesLeft(int retries) {
        return new GuardState(maxRetries, retries, kdf, pinSalt, pinWrappedKey, unblockWraps);
    }

    /** A new PIN wrap; all tries restored. */
    GuardState withPin(byte[] salt, byte[] wrapped) {
        return new GuardState(maxRetries, maxRetries, kdf, salt, wrapped, unblockWraps);
    }

    GuardState withUnblockWraps(List<UnblockWrap> wraps) {
        return new GuardState(maxRetries, retriesLeft, kdf, pinSalt, pinWrappedKey, wraps);
    }

    @Override
    public String toString() {
        return "GuardState[retriesLeft=" + retriesLeft + "/" + maxRetries + ", unblockCodesLeft="
                + unblockWraps.size() + "]";
    }
}
