package org.orgcert.server.certificate;

/**
 * Carries out a {@link CertificateConsequence} that another capability owns, in the certificate transition's
 * transaction: if it fails, the transition does not happen. Exactly one bean carries out each such consequence
 * (checked at start-up).
 */
public interface CertificateTransitionConsequence {

    /** The consequence this bean carries out. */
    CertificateConsequence consequence();

    /**
     * Carries it out.
     *
     * @param before the certificate as it was before the transition
     * @param event  the event applied
     * @param party  who caused it
     */
    void carryOut(CertificateRecord before, CertificateEvent event, CertificateParty party);
}
