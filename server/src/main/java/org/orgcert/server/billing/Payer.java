package org.orgcert.server.billing;

/** Who pays a charge: the employer by transfer (R-FEE-4), or the bureau from its subsidy (R-FEE-1). */
public enum Payer {
    EMPLOYER, BUREAU
}
