package org.orgcert.server.lifecycle;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * An employer's request to unlock a USB key locked by wrong PINs (R-FEE-1 d, R-CERT-2).
 *
 * @param id                the request
 * @param tokenSerial       the locked key
 * @param certificateSerial the valid certificate on it that makes the request the employer's
 * @param applicationId     the UNLOCK application (free; billing books the bureau's cost)
 * @param challenge         the key's current unblock challenge, as the assistant read it
 * @param state             PENDING, APPROVED or REJECTED
 * @param requestedBy       who asked (audit name)
 * @param requestedAt       when
 * @param decidedBy         who approved or rejected (a CA_SERVICE staff member or the automatic policy)
 * @param reason            why it was rejected
 */
public record UnlockRequest(UUID id, String tokenSerial, BigInteger certificateSerial, UUID applicationId,
        String challenge, State state, String requestedBy, Instant requestedAt, String decidedBy, String reason) {

    /** Where a request stands. */
    public enum State {
        PENDING, APPROVED, REJECTED
    }
}
