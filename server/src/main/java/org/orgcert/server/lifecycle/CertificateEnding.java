package org.orgcert.server.lifecycle;

import java.math.BigInteger;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateParty;
import org.orgcert.server.certificate.CertificateTransitions;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;

/**
 * Loss, damage and cancellation reports (R-FEE-2): an employer's agent for their own employer's certificate,
 * or customer service staff for any. A loss is revoked at once (keyCompromise); the OCSP answer is
 * {@code revoked} right after the commit and the certificate is in the next CRL. Someone else's certificate
 * is answered as unknown (404), as if absent, and the attempt is audited. Every other valid certificate on the
 * same USB key (the old one of a renewal or an information change, still valid in the overlap) ends with it: the
 * certificate machine's consequence {@code REVOKE_EVERY_CERTIFICATE_ON_KEY}.
 */
@Service
public class CertificateEnding {
    private final CertificateTransitions transitions;
    private final RefusalLog refusals;

    CertificateEnding(CertificateTransitions transitions, RefusalLog refusals) {
        this.transitions = transitions;
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
            return transitions.apply(serial, reason.event(), CertificateParty.person(actor));
        } catch (Refusal refused) {
            refusals.record(actor.auditName(), "certificate.end", "certificate", hex, refused);
            throw refused;
        }
    }
}
