package org.orgcert.key.service;

/**
 * The service's answer to a signed renewal: the online application it filed, the new certificate for the same
 * key and the fee (R-REN-1..3).
 *
 * @param applicationId the renewal's application id
 * @param certificate   the new certificate, or null while a paid renewal waits for the transfer (R-FEE-4): the
 *                      service issues it when the payment is matched, and {@code fetch-successor} writes it
 * @param fee           what the employer pays
 */
public record RenewedCertificate(String applicationId, IssuedCertificate certificate, Fee fee) {

    /** True when the employer pays first (HTTP 202) and the certificate comes later. */
    public boolean awaitingPayment() {
        return certificate == null;
    }
}
