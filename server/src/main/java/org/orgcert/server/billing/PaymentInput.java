package org.orgcert.server.billing;

import java.time.Instant;

/** A transfer as staff type it in or as a statement line gives it; checked by {@link Payments#record}. */
public record PaymentInput(String reference, Payment.Method method, String payerName, Fen amount, Instant paidAt,
        String remark) {
}
