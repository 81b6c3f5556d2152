package org.orgcert.key;

/**
 * An assistant operation that cannot go on for a reason that is neither the token's ({@code TokenException})
 * nor the service's ({@code ServiceException}). Messages never hold PINs, codes or unblock responses.
 */
public class KeyAssistantException extends RuntimeException {
    /** What went wrong; {@link #code()} is its stable name for the local API and scripts. */
    public enum Kind {
        /** The token holds no certificate yet (it was never personalised, or the import failed). */
        NO_CERTIFICATE("no-certificate"),
        /** Certificate bytes that are not one DER X.509 certificate. */
        BAD_CERTIFICATE("bad-certificate"),
        /** The service asked the token to sign something that is not this certificate's renewal challenge. */
        UNEXPECTED_CHALLENGE("unexpected-challenge"),
        /** The service issued a certificate that could not be written to the token; fetch-successor retries. */
        NOT_WRITTEN("certificate-not-written"),
        /** The service has no successor for the token's certificate. */
        NO_SUCCESSOR("no-successor"),
        /** An unlock request that is not approved, or is for another token, or whose code the token no longer shows. */
        NOT_APPROVED("not-approved"),
        /** The device key file is missing, unreadable or not 32 bytes. */
        DEVICE_KEY("device-key");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The stable code, e.g. {@code no-certificate}. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;

    /** A failure of {@code kind} with a message fit for a person. */
    public KeyAssistantException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A failure of {@code kind} caused by {@code cause}. */
    public KeyAssistantException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }
}
