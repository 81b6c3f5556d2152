package org.orgcert.key.service;

/**
 * An unlock request as the service shows it to the employer agent who filed it (R-FEE-1 d: free); never with the
 * unblock response, which only the filing assistant gets, for its secret.
 *
 * @param id          the request's id
 * @param tokenSerial the locked token's serial
 * @param state       where the request is
 * @param reason      why staff rejected it, only when {@link State#REJECTED}
 */
public record UnlockRequest(String id, String tokenSerial, State state, String reason) {
    /** Where an unlock request is. */
    public enum State {
        /** Waiting for customer service. */
        PENDING,
        /** Approved; the filing assistant gets the response with its secret ({@code ServiceClient.unlockResponse}). */
        APPROVED,
        /** Refused; {@link UnlockRequest#reason()} says why. */
        REJECTED
    }
}
