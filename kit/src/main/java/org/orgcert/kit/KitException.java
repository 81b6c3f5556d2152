package org.orgcert.kit;

/**
 * Why the kit refused an input: every parser of untrusted bytes and every check throws this (or returns a
 * typed result), never a Bouncy Castle or JCA exception. Messages name the problem, never a secret.
 */
public class KitException extends RuntimeException {
    /** What kind of problem. */
    public enum Kind {
        /** Not DER, truncated, random bytes, or DER of the wrong structure. */
        MALFORMED,
        /** Larger than the kit accepts for that kind of input. */
        TOO_LARGE,
        /** A key the kit does not verify with (not SM2, ECDSA P-256 or RSA of at least 2048 bits). */
        UNSUPPORTED_KEY,
        /** A signature made with another algorithm than the certificate's key, or than the one asked for. */
        WRONG_ALGORITHM,
        /** The signature does not verify with the certificate's key over the data. */
        BAD_SIGNATURE,
        /** The certificate names no USCC (neither extension nor subject serialNumber). */
        NO_USCC,
        /** The USCC fails its check characters (GB 32100-2015). */
        INVALID_USCC,
        /** The certificate's copies of the USCC (extensions, subject serialNumber) differ. */
        INCONSISTENT_USCC,
        /** The extension exists but its value is not a string. */
        NOT_A_STRING,
        /** An argument the caller gave is not acceptable (null, out of range, a line break in a field). */
        BAD_ARGUMENT
    }

    private final Kind kind;

    public KitException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public KitException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What kind of problem this is. */
    public Kind kind() {
        return kind;
    }
}
