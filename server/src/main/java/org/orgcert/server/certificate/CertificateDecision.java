package org.orgcert.server.certificate;

import java.util.List;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.server.domain.Refusal;

/** What {@link CertificateDecisions#decide} answers: the transition with its consequences, or a typed refusal. */
public sealed interface CertificateDecision {

    /** The allowed transition; throws the refusal otherwise. */
    Allowed orThrow();

    /** True when the event may happen now. */
    default boolean allowed() {
        return this instanceof Allowed;
    }

    /**
     * The event may happen.
     *
     * @param reason       the revocation reason when it revokes, else null
     * @param consequences what follows in the same transaction
     */
    record Allowed(CertificateEvent event, CertificateState target, RevocationReason reason,
            List<CertificateConsequence> consequences) implements CertificateDecision {
        @Override
        public Allowed orThrow() {
            return this;
        }
    }

    /** It may not, and why. */
    record Refused(Refusal refusal) implements CertificateDecision {
        @Override
        public Allowed orThrow() {
            throw refusal;
        }
    }
}
