package org.orgcert.server.status;

import org.orgcert.server.certificate.CertificateRevoked;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * After a revocation commits (never before: a rolled-back revocation must not show), the CA's OCSP answer
 * for the serial is re-signed as revoked at once, on the revoking thread (one signature: relying platforms
 * see {@code revoked} from the next request on), and its CRLs are marked changed for {@link CrlRegenerator}.
 * No CRL is made here: the cost of a revocation does not depend on how many certificates are revoked.
 */
@Component
class RevocationListener {
    private final OcspResponders responders;
    private final CrlPublisher crls;
    private final RevocationSweep sweep;

    RevocationListener(OcspResponders responders, CrlPublisher crls, RevocationSweep sweep) {
        this.responders = responders;
        this.crls = crls;
        this.sweep = sweep;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void revoked(CertificateRevoked event) {
        responders.forLabel(event.ca()).ifPresent(responder -> responder.refresh(event.serial()));
        sweep.seen(event.ca(), event.serial(), event.revokedAt());
        crls.revoked(event.ca());
    }
}
