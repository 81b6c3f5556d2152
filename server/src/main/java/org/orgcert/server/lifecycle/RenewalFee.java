package org.orgcert.server.lifecycle;

import org.orgcert.server.certificate.CertificateRecord;

/**
 * What a renewal costs the employer (R-REN-3): nothing for the line of the employer's first certificate
 * (R-FEE-1 b, the bureau pays), 160 yuan for any other. Money in fen. Billing (issue 5) books it and makes a
 * paid renewal wait for payment; until then the amount is recorded on the application and answered.
 *
 * @param payableFen what the employer pays
 * @param rule       the rule that decides it
 */
record RenewalFee(long payableFen, String rule) {
    static final long SERVICE_FEN = 16_000;

    static RenewalFee of(CertificateRecord renewed) {
        return renewed.firstOfEmployer() ? new RenewalFee(0, "R-FEE-1 b") : new RenewalFee(SERVICE_FEN, "R-REN-3");
    }
}
