package org.orgcert.server.application;

/**
 * What an employer applies for. NEW and ADDITIONAL go through review and production; the others reuse the
 * same process with their own steps (later issues: renewal, information change, unlock, reissue, cancel).
 */
public enum ApplicationKind {
    /** The employer's first certificate of this programme (R-FEE-1 a decides whether it is free). */
    NEW,
    /** A further certificate while the employer already holds one (R-FEE-2: paid). */
    ADDITIONAL,
    /** Annual review and renewal (R-REN-1..3). */
    RENEWAL,
    /** New name, legal representative or address on a valid certificate (R-FEE-1 c); never a new USCC. */
    INFO_CHANGE,
    /** Unlocking a token locked by wrong PINs (R-FEE-1 d). */
    UNLOCK,
    /** A new certificate after loss, damage or cancellation (R-FEE-2: paid). */
    REISSUE,
    /** Cancelling a certificate. */
    CANCEL;

    /** True for kinds that produce a new USB key and so pass through review, production and delivery. */
    public boolean producesToken() {
        return this == NEW || this == ADDITIONAL || this == REISSUE;
    }
}
