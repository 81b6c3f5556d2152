package org.orgcert.key.service;

/**
 * The certificate that follows another one for the same key: after a renewal, or after staff changed the
 * employer's information (R-FEE-1 c).
 *
 * @param certificate the successor
 * @param reason      why it was issued
 */
public record Successor(IssuedCertificate certificate, Reason reason) {
    /** Why a successor exists. */
    public enum Reason {
        /** Annual renewal (R-REN-2); the predecessor stays valid until it expires. */
        RENEWAL,
        /** The employer's information changed (R-FEE-1 c); the predecessor is superseded. */
        INFO_CHANGE
    }
}
