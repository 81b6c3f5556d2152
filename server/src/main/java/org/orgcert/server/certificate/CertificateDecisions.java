package org.orgcert.server.certificate;

import java.time.ZoneOffset;
import org.orgcert.server.certificate.CertificateDecision.Allowed;
import org.orgcert.server.certificate.CertificateDecision.Refused;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;

/**
 * The certificate machine's one decision function: {@code (certificate, party, event)} → the transition with its
 * consequences, or a typed refusal. Pure (no database, no clock of its own), so every rule is tested without
 * Spring; every door (REST, portal page, job) reaches it through {@link CertificateTransitions}.
 */
public final class CertificateDecisions {
    private CertificateDecisions() {
    }

    /** Decides whether {@code party} may cause {@code event} on the certificate of {@code facts} now. */
    public static CertificateDecision decide(CertificateFacts facts, CertificateParty party, CertificateEvent event) {
        CertificateRecord certificate = facts.certificate();
        Refusal refusal = party(certificate, party, event);
        if (refusal == null) {
            refusal = state(certificate, event);
        }
        for (int i = 0; refusal == null && i < event.guards().size(); i++) {
            refusal = guard(facts, event.guards().get(i));
        }
        return refusal == null ? new Allowed(event, event.target(), event.reason(), event.consequences())
                : new Refused(refusal);
    }

    private static Refusal party(CertificateRecord certificate, CertificateParty party, CertificateEvent event) {
        if (!event.parties().contains(party.kind())) {
            return CommonRefusal.ROLE_NOT_ALLOWED.refuse(event + " of a certificate is not for " + party.auditName()
                    + " (only " + event.parties() + ").");
        }
        if (party instanceof CertificateParty.KeyHolder holder && !holder.serialHex().equals(certificate.serialHex())) {
            return CommonRefusal.ROLE_NOT_ALLOWED.refuse("The key of certificate " + holder.serialHex()
                    + " speaks only for that certificate.");
        }
        if (party instanceof CertificateParty.Person person) {
            Actor actor = person.actor();
            if (actor instanceof Actor.EmployerAgent agent && !agent.actsFor(certificate.uscc().value())) {
                // Another employer's certificate is unknown to an agent, as if absent.
                return CertificateRefusal.UNKNOWN_CERTIFICATE.refuse("No certificate of yours has serial "
                        + certificate.serialHex() + ".");
            }
            if (actor instanceof Actor.Staff && !actor.hasRole(StaffRole.CA_SERVICE, StaffRole.BUREAU_ADMIN)) {
                return CommonRefusal.ROLE_NOT_ALLOWED.refuse(event + " needs customer service or the bureau.");
            }
        }
        return null;
    }

    private static Refusal state(CertificateRecord certificate, CertificateEvent event) {
        if (certificate.state() == event.source()) {
            return null;
        }
        return switch (certificate.state()) {
            case REVOKED -> CertificateRefusal.ALREADY_REVOKED.refuse("Certificate " + certificate.serialHex()
                    + " was already revoked at " + certificate.revokedAt() + ".");
            case ISSUING -> CertificateRefusal.NOT_ISSUED.refuse("Certificate " + certificate.serialHex()
                    + " is still being issued.");
            case VALID -> CertificateRefusal.STEP_NOT_ALLOWED.refuse(event + " is not allowed for a valid certificate.");
        };
    }

    private static Refusal guard(CertificateFacts facts, CertificateGuard guard) {
        String serial = facts.certificate().serialHex();
        return switch (guard) {
            case REPLACED_BY_SUCCESSOR -> facts.replaced() ? null : CertificateRefusal.NOT_REPLACED.refuse("Certificate "
                    + serial + " is not replaced by a signed information change; it stays valid.");
            case SUCCESSOR_ON_KEY -> facts.successorOnKey() ? null : CertificateRefusal.SUCCESSOR_NOT_ON_KEY.refuse(
                    "The successor of certificate " + serial + " is not on the USB key yet; the old certificate"
                            + " stays valid until it is, at the latest until " + facts.graceEnds() + ".");
            case GRACE_OVER -> facts.graceEnds() != null && !facts.now().isBefore(facts.graceEnds()) ? null
                    : CertificateRefusal.GRACE_NOT_OVER.refuse("Certificate " + serial + " stays valid until its"
                            + " successor is on the USB key, at the latest until " + facts.graceEnds() + ".")
                            .with("graceEnds", facts.graceEnds() == null ? null
                                    : facts.graceEnds().atOffset(ZoneOffset.UTC).toString());
        };
    }
}
