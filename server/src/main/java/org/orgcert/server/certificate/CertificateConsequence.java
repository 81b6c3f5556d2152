package org.orgcert.server.certificate;

/**
 * What happens together with a certificate's transition, in its transaction, whichever door asked for it (the
 * REST API, a portal page, a job): the same event always has the same consequences.
 */
public enum CertificateConsequence {
    /**
     * The predecessor this certificate replaces (an information change) is revoked as superseded, and so on back
     * along the line while each replaced its own predecessor: the new certificate is on the key now.
     */
    SUPERSEDE_PREDECESSOR,
    /**
     * Every other valid certificate on the same USB key is revoked for the same reason: a lost, damaged or
     * cancelled key ends all of them (an old certificate kept valid in a renewal's or information change's
     * overlap, too).
     */
    REVOKE_EVERY_CERTIFICATE_ON_KEY,
    /**
     * The employer is told by SMS that its certificate was revoked and why, in its own words (R-SMS-1): carried out
     * by the one {@link CertificateTransitionConsequence} bean that answers it (the tracking capability's).
     */
    TELL_EMPLOYER;

    /** Whether {@link CertificateTransitions} carries it out itself; else exactly one bean does. */
    boolean carriedOutHere() {
        return this != TELL_EMPLOYER;
    }
}
