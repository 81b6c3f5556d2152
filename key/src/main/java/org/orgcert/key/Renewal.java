package org.orgcert.key;

import org.orgcert.key.service.Fee;

/**
 * A remote renewal done and written to the token (R-REN-2).
 *
 * @param previous      the certificate before
 * @param renewed       the new certificate, now on the token
 * @param applicationId the renewal's application at the service
 * @param fee           what it costs (R-FEE-1 b, R-REN-3)
 */
public record Renewal(CertificateSummary previous, CertificateSummary renewed, String applicationId, Fee fee) {
}
