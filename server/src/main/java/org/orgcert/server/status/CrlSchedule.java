package org.orgcert.server.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a CA's CRLs are reissued: every CRL says nextUpdate = thisUpdate + {@code validity} (24 h), and a new
 * one is made once {@code regenerateEvery} (1 h) has passed or a certificate was revoked since it was
 * made, so relying parties never hold a CRL near its nextUpdate and a revocation shows within one fetch.
 *
 * @param validity        nextUpdate minus thisUpdate
 * @param regenerateEvery the age at which a CRL is replaced even without revocations
 * @param deltaOverlap    how far before its base's thisUpdate a delta CRL starts listing revocations, so a
 *                        revocation committed while the base was being read is in the delta
 */
record CrlSchedule(Duration validity, Duration regenerateEvery, Duration deltaOverlap) {
    /** 24 h validity, hourly regeneration, ten minutes of delta overlap. */
    static final CrlSchedule DEFAULT = new CrlSchedule(Duration.ofHours(24), Duration.ofHours(1),
            Duration.ofMinutes(10));

    CrlSchedule {
        if (regenerateEvery.compareTo(validity) >= 0) {
            throw new IllegalArgumentException("CRLs must be regenerated before their nextUpdate");
        }
    }

    /** nextUpdate of a CRL issued at {@code thisUpdate}. */
    Instant nextUpdate(Instant thisUpdate) {
        return thisUpdate.plus(validity);
    }

    /**
     * Whether {@code crl} must be replaced at {@code now}.
     *
     * @param crl            the latest CRL, or {@code null} when there is none
     * @param lastRevocation when the CA last revoked a certificate (microseconds, as stored)
     * @param revokedSince   whether this node saw a revocation commit after {@code crl} was made
     */
    boolean stale(StoredCrl crl, Instant now, Optional<Instant> lastRevocation, boolean revokedSince) {
        if (crl == null || revokedSince) {
            return true;
        }
        if (!now.isBefore(crl.generatedAt().plus(regenerateEvery))) {
            return true;
        }
        // A revocation at or after the moment generation started may be missing from the CRL.
        return lastRevocation.filter(at -> !at.isBefore(crl.generatedAt())).isPresent();
    }

    /** The first revocation time a delta CRL on {@code base} lists. */
    Instant deltaSince(StoredCrl base) {
        return base.thisUpdate().minus(deltaOverlap);
    }
}
