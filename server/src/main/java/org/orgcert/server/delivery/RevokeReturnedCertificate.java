package org.orgcert.server.delivery;

import java.math.BigInteger;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.Consequence;
import org.orgcert.server.application.TransitionConsequence;
import org.orgcert.server.certificate.CertificateEvent;
import org.orgcert.server.certificate.CertificateParty;
import org.orgcert.server.certificate.CertificateTransitions;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.domain.Actor;
import org.springframework.stereotype.Component;

/**
 * R-CH-7: the certificate of a key returned uncollected is cancelled (revoked), in the same transaction as the
 * return, so OCSP and the next CRL say so. One already revoked (say, reported lost meanwhile) stays as it is.
 */
@Component
class RevokeReturnedCertificate implements TransitionConsequence {
    private final CertificateStore certificates;
    private final CertificateTransitions transitions;

    RevokeReturnedCertificate(CertificateStore certificates, CertificateTransitions transitions) {
        this.certificates = certificates;
        this.transitions = transitions;
    }

    @Override
    public Consequence consequence() {
        return Consequence.REVOKE_CERTIFICATE;
    }

    @Override
    public void carryOut(Application before, ApplicationEvent event, Actor actor) {
        if (before.certificateSerial() == null) {
            return;
        }
        BigInteger serial = new BigInteger(before.certificateSerial(), 16);
        if (certificates.findBySerial(serial).filter(c -> c.state() == CertificateState.VALID).isPresent()) {
            // Through the certificate's own machine: its lock, its decision, its audit record.
            transitions.apply(serial, CertificateEvent.RETURN_UNCOLLECTED, CertificateParty.service(actor.auditName()));
        }
    }
}
