package org.orgcert.server.lifecycle;

import java.math.BigInteger;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateRevocation;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.stereotype.Service;

/**
 * Loss, damage and cancellation reports (R-FEE-2): an employer's agent for their own employer's certificate,
 * or customer service staff for any. A loss is revoked at once (keyCompromise); the OCSP answer is
 * {@code revoked} right after the commit and the certificate is in the next CRL. Someone else's certificate
 * is answered as unknown (404), as if absent, and the attempt is audited.
 */
@Service
public class CertificateEnding {
    private final CertificateStore certificates;
    private final CertificateRevocation revocation;
    private final RefusalLog refusals;

    CertificateEnding(CertificateStore certificates, CertificateRevocation revocation, RefusalLog refusals) {
        this.certificates = certificates;
        this.revocation = revocation;
        this.refusals = refusals;
    }

    /**
     * Revokes certificate {@code serial} for {@code reason}.
     *
     * @throws Refusal 404 {@code unknown-certificate} (also for another employer's), 403
     *                    {@code role-not-allowed}, 409 {@code already-revoked} or {@code not-issued}
     */
    public CertificateRecord report(BigInteger serial, EndReason reason, Actor actor) {
        String hex = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        try {
            if (reason == null) {
                throw Refusal.invalidFields("say why the certificate ends",
                        java.util.Map.of("reason", "one of LOST, DAMAGED, CANCELLED (R-FEE-2)"));
            }
            CertificateRecord certificate = certificates.findBySerial(serial)
                    .filter(c -> mayEnd(actor, c))
                    .orElseThrow(() -> LifecycleRefusal.UNKNOWN_CERTIFICATE.refuse("No certificate of yours has serial "
                            + hex + "."));
            if (certificate.state() == CertificateState.REVOKED) {
                throw LifecycleRefusal.ALREADY_REVOKED.refuse("Certificate " + hex + " was already revoked on "
                        + certificate.revokedAt() + ".");
            }
            return revocation.revoke(serial, reason.revocation(), actor.auditName() + " (" + reason + ")");
        } catch (Refusal refused) {
            refusals.record(actor.auditName(), "certificate.end", "certificate", hex, refused);
            throw refused;
        }
    }

    private static boolean mayEnd(Actor actor, CertificateRecord certificate) {
        if (actor instanceof Actor.EmployerAgent agent) {
            return agent.actsFor(certificate.uscc().value());
        }
        return actor.hasRole(StaffRole.CA_SERVICE, StaffRole.BUREAU_ADMIN);
    }
}
