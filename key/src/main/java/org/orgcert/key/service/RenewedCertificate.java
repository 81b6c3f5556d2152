package org.orgcert.key.service;

/**
 * The service's answer to a signed renewal: the online application it filed, the new certificate for the same
 * key and the fee (R-REN-1..3).
 *
 * @param applicationId the renewal's application id
 * @param certificate   the new certificate
 * @param fee           what the employer pays
 */
public record RenewedCertificate(String applicationId, IssuedCertificate certificate, Fee fee) {
}
