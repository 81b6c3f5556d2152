package org.orgcert.key.signin;

/** Where a sign-in request stands, as {@code GET /v1/signin/<id>} reports it. */
public enum SignInState {
    /** Waiting for the employer to confirm or refuse on the assistant's page. */
    PENDING,
    /** Confirmed with the PIN: the signature is ready. */
    SIGNED,
    /** The employer refused. */
    REFUSED,
    /** Nobody confirmed within {@link SignInRequest#LIFETIME}. */
    EXPIRED
}
