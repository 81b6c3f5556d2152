package org.orgcert.key;

import org.orgcert.key.service.Successor;

/**
 * A successor certificate fetched from the service and written to the token.
 *
 * @param previous the certificate the token held
 * @param current  the certificate it holds now (the newest successor)
 * @param reason   why the newest successor was issued
 * @param steps    how many successors were followed (a renewal then an information change makes two)
 * @param confirmed whether the service took the assistant's word that the new certificate is on the token (then
 *                 the certificate it replaces is revoked at once; otherwise when the service's grace period ends)
 */
public record SuccessorUpdate(CertificateSummary previous, CertificateSummary current, Successor.Reason reason,
        int steps, boolean confirmed) {
}
