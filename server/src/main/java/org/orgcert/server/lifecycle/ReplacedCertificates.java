package org.orgcert.server.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.orgcert.server.certificate.CertificateEvent;
import org.orgcert.server.certificate.CertificateFacts;
import org.orgcert.server.certificate.CertificateParty;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.certificate.CertificateTransitions;
import org.springframework.stereotype.Service;

/**
 * Certificates replaced by an information change (R-FEE-1 c) whose successor never was confirmed on the key:
 * when the grace period after signing ({@code orgcert.lifecycle.successor-grace}, 30 days) is over, the job
 * revokes them as superseded anyway ({@code END_GRACE}), so an employer who never writes the new certificate does
 * not keep the old name in force for the rest of the year. Also what the employer's page says about how long the
 * old one stays valid.
 */
@Service
public class ReplacedCertificates {
    private static final CertificateParty JOB = CertificateParty.service("successor-grace");
    private final CertificateStore certificates;
    private final CertificateTransitions transitions;
    private final Clock clock;

    ReplacedCertificates(CertificateStore certificates, CertificateTransitions transitions, Clock clock) {
        this.certificates = certificates;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Revokes (superseded) every replaced certificate whose grace period is over; returns how many. */
    public int endGrace() {
        Instant signedBefore = clock.instant().minus(transitions.grace());
        int ended = 0;
        for (CertificateRecord replaced : certificates.findReplacedSince(signedBefore)) {
            // Decided again under the row lock by apply; asked first so that one confirmed meanwhile is skipped.
            if (transitions.decide(replaced, JOB, CertificateEvent.END_GRACE).allowed()) {
                transitions.apply(replaced.serial(), CertificateEvent.END_GRACE, JOB);
                ended++;
            }
        }
        return ended;
    }

    /**
     * Until when a valid certificate replaced by a signed information change stays valid if its successor is not
     * written to the key; empty when it is not waiting for that.
     */
    public Optional<Instant> validUntil(CertificateRecord certificate) {
        if (certificate.state() != CertificateState.VALID) {
            return Optional.empty();
        }
        CertificateFacts facts = transitions.facts(certificate);
        return facts.successorOnKey() ? Optional.empty() : Optional.ofNullable(facts.graceEnds());
    }
}
