package org.orgcert.key.service;

import org.orgcert.token.UnblockResponse;

/**
 * An unlock request as the service shows it to the employer agent who filed it (R-FEE-1 d: free).
 *
 * @param id          the request's id
 * @param tokenSerial the locked token's serial
 * @param state       where the request is
 * @param response    the one-time unblock response, only when {@link State#APPROVED}; hidden by
 *                    {@link UnblockResponse#toString()}
 * @param reason      why staff rejected it, only when {@link State#REJECTED}
 */
public record UnlockRequest(String id, String tokenSerial, State state, UnblockResponse response, String reason) {
    /** Where an unlock request is. */
    public enum State {
        /** Waiting for customer service. */
        PENDING,
        /** Approved; {@link UnlockRequest#response()} unblocks the token once. */
        APPROVED,
        /** Refused; {@link UnlockRequest#reason()} says why. */
        REJECTED
    }
}
