package org.orgcert.pki;

/**
 * A failure the caller can name: every bad input to the PKI layer ends in one of these, with a message a
 * person can act on. Nothing is changed when one is thrown.
 */
public class PkiException extends RuntimeException {
    /** What kind of failure this is, so callers can map it to an HTTP status or a page message. */
    public enum Kind {
        /** Bytes that are not the DER structure expected (truncated, wrong tag, trailing data). */
        MALFORMED,
        /** Input larger than the configured limit. */
        TOO_LARGE,
        /** A signature that does not verify, e.g. a CSR without proof of possession. */
        BAD_SIGNATURE,
        /** A key of an algorithm, curve or size the profile does not allow. */
        UNSUPPORTED_KEY,
        /** A to-be-signed certificate or CRL that breaks its profile. */
        LINT,
        /** A USCC or resident ID number whose form or check character is wrong. */
        INVALID_IDENTIFIER,
        /** A key store that cannot be opened (wrong passphrase, missing entry). */
        KEY_STORE,
        /** A certificate path that does not validate. */
        PATH
    }

    private final Kind kind;

    public PkiException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PkiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
