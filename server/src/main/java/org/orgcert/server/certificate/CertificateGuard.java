package org.orgcert.server.certificate;

/** What a certificate's transition needs besides its state ({@link CertificateDecisions} checks each). */
public enum CertificateGuard {
    /** A signed, valid successor replaces this certificate (an information change, R-FEE-1 c), not a renewal. */
    REPLACED_BY_SUCCESSOR,
    /** The employer's assistant confirmed that a later certificate of this one's line is on the USB key. */
    SUCCESSOR_ON_KEY,
    /** The grace period since the replacing successor was signed is over ({@code orgcert.lifecycle.successor-grace}). */
    GRACE_OVER
}
