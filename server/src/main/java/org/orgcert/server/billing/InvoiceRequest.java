package org.orgcert.server.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * An employer's request for an electronic ordinary invoice (电子普通发票, R-FEE-4).
 *
 * @param taxNumber    the buyer's tax number, which for an employer is its USCC
 * @param taxReference the invoice number once issued
 */
public record InvoiceRequest(UUID id, UUID applicationId, String buyerName, String taxNumber, Fen amount, String email,
        State state, String taxReference, Instant requestedAt) {

    /** Where a request stands. */
    public enum State {
        REQUESTED, ISSUED, FAILED
    }
}
