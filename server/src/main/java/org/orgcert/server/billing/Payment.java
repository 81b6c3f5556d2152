package org.orgcert.server.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A transfer to the CA's account (R-FEE-4) as recorded or imported.
 *
 * @param reference     the bank's or WeChat's transaction number (unique)
 * @param payerName     the account holder
 * @param remark        the transfer's remark; a personal account must name the employer in full
 * @param applicationId the application it pays for once matched, or null
 * @param refunded      how much of it was paid back
 */
public record Payment(UUID id, String reference, Method method, String payerName, Fen amount, Instant paidAt,
        String remark, UUID applicationId, Fen refunded) {

    /** How the money came. */
    public enum Method {
        BANK_TRANSFER, WECHAT
    }

    public boolean matched() {
        return applicationId != null;
    }
}
