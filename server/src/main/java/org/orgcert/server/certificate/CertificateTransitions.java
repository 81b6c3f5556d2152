package org.orgcert.server.certificate;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out a certificate's transitions: locks the row, asks {@link CertificateDecisions} with the facts,
 * makes the change, audits it and carries out the event's consequences, all in one transaction. The one way the
 * lifecycle capability (loss reports, information changes, the confirmation from the USB-key assistant, the grace
 * job) changes a signed certificate. Consequences other capabilities own (the employer's SMS) are carried out by
 * their {@link CertificateTransitionConsequence} beans, one per consequence.
 */
@Service
public class CertificateTransitions implements SmartInitializingSingleton {
    /** A line of successors longer than this is a fault, not a history. */
    private static final int MAX_LINE = 16;
    private final CertificateStore store;
    private final CertificateRevocation revocation;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration grace;
    private final ObjectProvider<CertificateTransitionConsequence> consequenceBeans;
    private final Map<CertificateConsequence, CertificateTransitionConsequence> consequences =
            new EnumMap<>(CertificateConsequence.class);

    CertificateTransitions(CertificateStore store, CertificateRevocation revocation, AuditLog audit, Clock clock,
            @Value("${orgcert.lifecycle.successor-grace:P30D}") Duration grace,
            ObjectProvider<CertificateTransitionConsequence> consequenceBeans) {
        this.store = store;
        this.revocation = revocation;
        this.audit = audit;
        this.clock = clock;
        this.grace = grace;
        this.consequenceBeans = consequenceBeans;
    }

    /** Every consequence not carried out here has exactly one bean: a missing one stops the start-up. */
    @Override
    public void afterSingletonsInstantiated() {
        consequenceBeans.orderedStream().forEach(bean -> {
            if (bean.consequence().carriedOutHere() || consequences.put(bean.consequence(), bean) != null) {
                throw new IllegalStateException("a second way to carry out the consequence " + bean.consequence());
            }
        });
        for (CertificateConsequence consequence : CertificateConsequence.values()) {
            if (!consequence.carriedOutHere() && !consequences.containsKey(consequence)) {
                throw new IllegalStateException("no bean carries out the consequence " + consequence);
            }
        }
    }

    /** How long a certificate replaced by an information change stays valid when its successor is never confirmed. */
    public Duration grace() {
        return grace;
    }

    /** The facts the machine decides on for {@code certificate} now (for pages that show what comes next). */
    public CertificateFacts facts(CertificateRecord certificate) {
        CertificateRecord successor = store.findSuccessor(certificate.serial()).orElse(null);
        return new CertificateFacts(certificate, successor, lineOnKey(successor), clock.instant(), grace);
    }

    /** What {@code party} causing {@code event} on {@code certificate} would be answered now; changes nothing. */
    public CertificateDecision decide(CertificateRecord certificate, CertificateParty party, CertificateEvent event) {
        return CertificateDecisions.decide(facts(certificate), party, event);
    }

    /**
     * Applies {@code event} to certificate {@code serial} for {@code party}, with its consequences.
     *
     * @return the certificate after the transition
     * @throws org.orgcert.server.domain.Refusal what {@link CertificateDecisions} refuses; 404
     *         {@code unknown-certificate} for a serial nobody issued
     */
    @Transactional
    public CertificateRecord apply(BigInteger serial, CertificateEvent event, CertificateParty party) {
        CertificateRecord certificate = store.lock(serial).orElseThrow(() -> CertificateRefusal.UNKNOWN_CERTIFICATE
                .refuse("No certificate has serial " + serial.toString(16).toUpperCase(java.util.Locale.ROOT) + "."));
        CertificateDecision.Allowed allowed = decide(certificate, party, event).orThrow();
        if (allowed.target() == CertificateState.REVOKED) {
            revocation.revoke(serial, allowed.reason(), party.auditName() + " (" + event + ")");
        } else if (event == CertificateEvent.CONFIRM_ON_KEY && store.markOnKey(serial)) {
            audit.record(new AuditEntry(party.auditName(), "certificate.on-key", "certificate", certificate.serialHex(),
                    "the USB-key assistant wrote it to token " + certificate.tokenSerial()));
        }
        for (CertificateConsequence consequence : allowed.consequences()) {
            carryOut(consequence, certificate, event, party);
        }
        return store.findBySerial(serial).orElseThrow();
    }

    private void carryOut(CertificateConsequence consequence, CertificateRecord certificate, CertificateEvent event,
            CertificateParty party) {
        switch (consequence) {
            case SUPERSEDE_PREDECESSOR -> {
                if (certificate.replacesPredecessor() && certificate.predecessor() != null
                        && store.findBySerial(certificate.predecessor()).map(p -> p.state() == CertificateState.VALID)
                                .orElse(false)) {
                    apply(certificate.predecessor(), CertificateEvent.SUPERSEDE,
                            CertificateParty.service("successor-on-key"));
                }
            }
            case REVOKE_EVERY_CERTIFICATE_ON_KEY -> {
                for (CertificateRecord other : store.findValidOnToken(certificate.tokenSerial())) {
                    if (!other.serial().equals(certificate.serial())) {
                        revocation.revoke(other.serial(), event.reason(), party.auditName() + " (" + event
                                + " of certificate " + certificate.serialHex() + " on the same USB key)");
                    }
                }
            }
            default -> consequences.get(consequence).carryOut(certificate, event, party);
        }
    }

    /** True when {@code successor} or a later certificate of its line was confirmed on the key. */
    private boolean lineOnKey(CertificateRecord successor) {
        Optional<CertificateRecord> next = Optional.ofNullable(successor);
        for (int i = 0; i < MAX_LINE && next.isPresent(); i++) {
            if (next.get().onKeyAt() != null) {
                return true;
            }
            next = store.findSuccessor(next.get().serial());
        }
        return false;
    }
}
