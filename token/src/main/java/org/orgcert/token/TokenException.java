package org.orgcert.token;

/**
 * A token operation that failed in a way the caller can name and show to a person.
 *
 * <p>Messages never contain PINs, keys, unblock responses or other secrets, so they can be logged and shown
 * as they are. Unless the kind says otherwise ({@link Kind#WRONG_PIN} counts down the retries), nothing on
 * the token changed.
 */
public class TokenException extends RuntimeException {
    /** What went wrong, so callers can map it to a page message or an HTTP status. */
    public enum Kind {
        /** The PIN was wrong; {@link #retriesLeft()} says how many tries remain (0: the token is now locked). */
        WRONG_PIN,
        /** Too many wrong PINs: the token refuses PIN operations until it is unblocked (free, R-FEE-1 d). */
        LOCKED,
        /** A new PIN breaks the PIN policy (length, characters). */
        PIN_POLICY,
        /** The unblock response does not belong to this token's current challenge. */
        WRONG_UNBLOCK_RESPONSE,
        /**
         * The token has used all the unblock codes the bureau gave it: an unlocked token can receive new ones
         * ({@link Token#replenishUnblockCodes}); a locked one must be personalised again at the bureau.
         */
        UNBLOCK_EXHAUSTED,
        /** The operation needs a key pair and the token has none yet. */
        NO_KEY,
        /** The certificate does not certify the key on this token. */
        CERTIFICATE_MISMATCH,
        /** The token's stored state fails its integrity check (edited file, wrong device key). */
        TAMPERED,
        /** This token cannot hold keys of the requested algorithm (e.g. SM2 on a PKCS#11 token). */
        UNSUPPORTED_ALGORITHM,
        /** Bytes or text that are not what was expected (token file, challenge, response, certificate). */
        MALFORMED,
        /** The token device or its library failed (PKCS#11 error, unreadable file). */
        DEVICE
    }

    private final Kind kind;
    private final int retriesLeft;

    /** A failure of {@code kind} with a message fit for a person. */
    public TokenException(Kind kind, String message) {
        this(kind, message, -1, null);
    }

    /** A failure of {@code kind} caused by {@code cause}. */
    public TokenException(Kind kind, String message, Throwable cause) {
        this(kind, message, -1, cause);
    }

    private TokenException(Kind kind, String message, int retriesLeft, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retriesLeft = retriesLeft;
    }

    /** A wrong PIN with {@code retriesLeft} tries remaining. */
    static TokenException wrongPin(int retriesLeft) {
        String message = retriesLeft == 0
                ? "Wrong PIN. The token is now locked; ask the bureau for an unblock code (unblocking is free)."
                : "Wrong PIN. " + retriesLeft + (retriesLeft == 1 ? " try" : " tries")
                        + " left before the token locks.";
        return new TokenException(Kind.WRONG_PIN, message, retriesLeft, null);
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#WRONG_PIN}: how many PIN tries remain; -1 for other kinds. */
    public int retriesLeft() {
        return retriesLeft;
    }
}
