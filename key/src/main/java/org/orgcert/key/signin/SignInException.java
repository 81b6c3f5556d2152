package org.orgcert.key.signin;

/**
 * The assistant refuses a sign-in request, or an action on one, for a {@link Reason} that the local API turns into
 * its error code and the assistant's page into a sentence. Messages never hold a PIN or presence secret.
 */
public final class SignInException extends RuntimeException {
    /** Why; {@link #code()} is the stable code the provider's page decides on. */
    public enum Reason {
        /** The challenge text is not exactly the six lines of {@code orgcert-signin/1}. */
        MALFORMED_CHALLENGE("malformed-challenge"),
        /** The challenge's {@code origin:} line is not the Origin of the page that asked. */
        ORIGIN_MISMATCH("origin-mismatch"),
        /** The challenge's {@code certificate:} line is not the SHA-256 of the key's certificate. */
        CERTIFICATE_MISMATCH("certificate-mismatch"),
        /** The challenge's {@code time:} is more than five minutes from the assistant's clock. */
        STALE_CHALLENGE("stale-challenge"),
        /** The platform's name is empty, too long or holds control or direction characters. */
        BAD_PLATFORM_NAME("bad-platform-name"),
        /** Too many requests wait for the employer already. */
        TOO_MANY_PENDING("too-many-pending"),
        /** No such request (or not one this origin made, or one long gone). */
        UNKNOWN_REQUEST("not-found"),
        /** The request was already signed, refused, or has expired. */
        NOT_PENDING("not-pending"),
        /** A confirmation without a PIN while no PIN session is open. */
        NO_PIN_SESSION("no-pin-session");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable code, e.g. {@code origin-mismatch}. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    /** A refusal for {@code reason}, with a sentence for a developer reading the page's console. */
    public SignInException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
