package org.orgcert.server.certificate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the certificate machine decides on: the certificate, its direct successor (or null), whether a later
 * certificate of its line is confirmed on the USB key, the time and the grace period.
 *
 * @param certificate    the certificate, as locked by the transaction that may change it
 * @param successor      the certificate that renews or replaces it, or null
 * @param successorOnKey true when the assistant confirmed a later certificate of the line on the key
 * @param now            the service's clock
 * @param grace          how long a replaced certificate stays valid when its successor is never confirmed
 */
public record CertificateFacts(CertificateRecord certificate, CertificateRecord successor, boolean successorOnKey,
        Instant now, Duration grace) {
    public CertificateFacts {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(grace, "grace");
    }

    /** True when a signed, valid successor replaces the certificate (an information change). */
    public boolean replaced() {
        return successor != null && successor.replacesPredecessor() && successor.state() == CertificateState.VALID
                && successor.signedAt() != null;
    }

    /** When the replaced certificate ends at the latest (its successor's signing plus the grace), or null. */
    public Instant graceEnds() {
        return replaced() ? successor.signedAt().plus(grace) : null;
    }
}
