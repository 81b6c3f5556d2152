package org.orgcert.server.certificate;

import static org.orgcert.server.certificate.CertificateState.REVOKED;
import static org.orgcert.server.certificate.CertificateState.VALID;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.server.certificate.CertificateParty.Kind;

/**
 * Everything that can happen to a signed certificate, as one transition table: the states it may happen in,
 * the state it leads to (with the revocation reason), who may cause it, what it needs besides the state and
 * what follows from it. {@link CertificateDecisions#decide} reads it; {@link CertificateTransitions#apply} carries
 * it out. Signing (ISSUING → VALID) is issuance's record-before-sign protocol and is not in this table.
 */
public enum CertificateEvent {
    /** The employer's assistant wrote this certificate to the USB key and proved it holds the key. */
    CONFIRM_ON_KEY(VALID, VALID, null, EnumSet.of(Kind.KEY_HOLDER), List.of(),
            List.of(CertificateConsequence.SUPERSEDE_PREDECESSOR)),
    /** Replaced by an information change whose certificate is on the key now (R-FEE-1 c). */
    SUPERSEDE(VALID, REVOKED, RevocationReason.SUPERSEDED, EnumSet.of(Kind.SERVICE),
            List.of(CertificateGuard.REPLACED_BY_SUCCESSOR, CertificateGuard.SUCCESSOR_ON_KEY),
            List.of(CertificateConsequence.SUPERSEDE_PREDECESSOR)),
    /**
     * Replaced by an information change whose certificate never was confirmed on the key within the grace period:
     * the key still holds this one, so the employer is told to write the new one (R-SMS-1). Superseded by the one
     * it wrote itself ({@link #SUPERSEDE}) is no news to it: no SMS.
     */
    END_GRACE(VALID, REVOKED, RevocationReason.SUPERSEDED, EnumSet.of(Kind.SERVICE),
            List.of(CertificateGuard.REPLACED_BY_SUCCESSOR, CertificateGuard.GRACE_OVER),
            List.of(CertificateConsequence.TELL_EMPLOYER)),
    /** The USB key was lost (R-FEE-2): it may be in someone else's hands. */
    REPORT_LOST(VALID, REVOKED, RevocationReason.KEY_COMPROMISE, EnumSet.of(Kind.PERSON), List.of(),
            List.of(CertificateConsequence.REVOKE_EVERY_CERTIFICATE_ON_KEY, CertificateConsequence.TELL_EMPLOYER)),
    /** The USB key is damaged (R-FEE-2). */
    REPORT_DAMAGED(VALID, REVOKED, RevocationReason.CESSATION_OF_OPERATION, EnumSet.of(Kind.PERSON), List.of(),
            List.of(CertificateConsequence.REVOKE_EVERY_CERTIFICATE_ON_KEY, CertificateConsequence.TELL_EMPLOYER)),
    /** The employer cancels the certificate (R-FEE-2). */
    CANCEL(VALID, REVOKED, RevocationReason.CESSATION_OF_OPERATION, EnumSet.of(Kind.PERSON), List.of(),
            List.of(CertificateConsequence.REVOKE_EVERY_CERTIFICATE_ON_KEY, CertificateConsequence.TELL_EMPLOYER)),
    /** The key was not collected within 45 days (R-CH-7). */
    RETURN_UNCOLLECTED(VALID, REVOKED, RevocationReason.CESSATION_OF_OPERATION, EnumSet.of(Kind.SERVICE), List.of(),
            List.of(CertificateConsequence.TELL_EMPLOYER));

    private final CertificateState from;
    private final CertificateState to;
    private final RevocationReason reason;
    private final Set<Kind> parties;
    private final List<CertificateGuard> guards;
    private final List<CertificateConsequence> consequences;

    CertificateEvent(CertificateState from, CertificateState to, RevocationReason reason, Set<Kind> parties,
            List<CertificateGuard> guards, List<CertificateConsequence> consequences) {
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.parties = parties;
        this.guards = guards;
        this.consequences = consequences;
    }

    /** The state the event may happen in. */
    public CertificateState source() {
        return from;
    }

    /** The state it leads to. */
    public CertificateState target() {
        return to;
    }

    /** The revocation reason when it revokes, else null. */
    public RevocationReason reason() {
        return reason;
    }

    /** Who may cause it. */
    public Set<Kind> parties() {
        return EnumSet.copyOf(parties);
    }

    /** What it needs besides the state. */
    public List<CertificateGuard> guards() {
        return guards;
    }

    /** What follows from it in the same transaction. */
    public List<CertificateConsequence> consequences() {
        return consequences;
    }
}
