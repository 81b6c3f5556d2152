package org.orgcert.key;

import org.orgcert.key.service.Fee;

/**
 * A remote renewal done and written to the token (R-REN-2), or asked for and waiting for the employer's
 * payment (R-REN-3, R-FEE-4).
 *
 * @param previous      the certificate before
 * @param renewed       the new certificate, now on the token; null while the renewal waits for payment
 * @param applicationId the renewal's application at the service
 * @param fee           what it costs (R-FEE-1 b, R-REN-3)
 */
public record Renewal(CertificateSummary previous, CertificateSummary renewed, String applicationId, Fee fee) {

    /** True when the service waits for the transfer; {@code fetch-successor} writes the certificate afterwards. */
    public boolean awaitingPayment() {
        return renewed == null;
    }
}
