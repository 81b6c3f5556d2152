package org.orgcert.server.status;

import org.orgcert.server.certificate.CertificateRevoked;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * After a revocation commits (never before: a rolled-back revocation must not show), the CA's OCSP answer
 * for the serial is re-signed as revoked at once and its CRLs are marked stale.
 */
@Component
class RevocationListener {
    private final OcspResponders responders;
    private final CrlPublisher crls;

    RevocationListener(OcspResponders responders, CrlPublisher crls) {
        this.responders = responders;
        this.crls = crls;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void revoked(CertificateRevoked event) {
        crls.revoked(event.ca());
        responders.forLabel(event.ca()).ifPresent(responder -> responder.refresh(event.serial()));
    }
}
