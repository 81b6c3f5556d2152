package org.orgcert.server.billing;

/** What the price list prices (R-FEE-3), and how the bureau's report names it. */
public enum PriceItem {
    /** The USB key (介质费), 60 yuan per certificate. */
    MEDIUM,
    /** One year of the e-authentication service (电子认证服务费), 160 yuan per certificate and year. */
    SERVICE_YEAR,
    /** An information change (free to the employer, R-FEE-1 c); what the bureau pays the CA for it. */
    INFO_CHANGE,
    /** An unlock (free to the employer, R-FEE-1 d); what the bureau pays the CA for it. */
    UNLOCK
}
