package org.orgcert.server.billing;

import java.time.LocalDate;
import org.orgcert.server.application.ApplicationKind;

/**
 * The facts the fee rules look at.
 *
 * @param kind           what is applied for
 * @param insideKunming  the employer's jurisdiction (R-FEE interpretation: division code or staff override)
 * @param first          NEW: the employer has never held a certificate of this programme; RENEWAL: the renewed
 *                       certificate is the line of the employer's first certificate, still valid
 * @param day            the day whose prices apply
 */
public record FeeFacts(ApplicationKind kind, boolean insideKunming, boolean first, LocalDate day) {
}
