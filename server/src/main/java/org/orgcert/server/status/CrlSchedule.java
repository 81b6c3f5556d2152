package org.orgcert.server.status;

import java.time.Duration;
import java.time.Instant;

/**
 * When a CA's CRLs are reissued (by {@link CrlRegenerator}, in the background; never by a revocation, and by
 * a fetch only when nothing servable is in memory). Every CRL says nextUpdate = thisUpdate + {@code validity} (24 h) and is replaced after
 * {@code regenerateEvery} (1 h) at the latest, so relying parties never hold one near its nextUpdate. After
 * a revocation the delta CRL is reissued once it is {@code deltaAfterChange} old (1 s: the revocations of
 * a second make one delta) and the full CRL once it is {@code fullAfterChange} old (5 min: a full CRL of a
 * million entries costs seconds of CPU and 43 MB of writes, so revocations in a burst are folded into one).
 *
 * @param validity         nextUpdate minus thisUpdate
 * @param regenerateEvery  the age at which a CRL is replaced even without revocations
 * @param deltaAfterChange the least age of a delta CRL that a revocation replaces
 * @param fullAfterChange  the least age of a full CRL that a revocation replaces
 * @param deltaOverlap     how far before its base's thisUpdate a delta CRL starts listing revocations, so a
 *                         revocation committed while the base was being read is in the delta
 */
record CrlSchedule(Duration validity, Duration regenerateEvery, Duration deltaAfterChange, Duration fullAfterChange,
        Duration deltaOverlap) {
    /** 24 h validity, hourly regeneration, delta 1 s and full 5 min after a change, ten minutes of overlap. */
    static final CrlSchedule DEFAULT = new CrlSchedule(Duration.ofHours(24), Duration.ofHours(1),
            Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(10));

    CrlSchedule {
        if (regenerateEvery.compareTo(validity) >= 0) {
            throw new IllegalArgumentException("CRLs must be regenerated before their nextUpdate");
        }
        if (deltaAfterChange.compareTo(regenerateEvery) > 0 || fullAfterChange.compareTo(regenerateEvery) > 0) {
            throw new IllegalArgumentException("a change must not wait longer than the hourly regeneration");
        }
    }

    /** nextUpdate of a CRL issued at {@code thisUpdate}. */
    Instant nextUpdate(Instant thisUpdate) {
        return thisUpdate.plus(validity);
    }

    /**
     * Whether the full CRL {@code crl} must be replaced at {@code now}.
     *
     * @param crl     the latest full CRL, or {@code null} when there is none
     * @param changed whether a certificate was revoked since {@code crl} was made
     */
    boolean fullDue(StoredCrl crl, Instant now, boolean changed) {
        return due(crl, now, changed, fullAfterChange);
    }

    /**
     * Whether the delta CRL {@code crl} must be replaced at {@code now}: also when it is not on the current
     * full CRL {@code base}.
     */
    boolean deltaDue(StoredCrl crl, StoredCrl base, Instant now, boolean changed) {
        if (crl != null && base != null && !base.number().equals(crl.baseNumber())) {
            return true;
        }
        return due(crl, now, changed, deltaAfterChange);
    }

    /**
     * Whether {@code crl} cannot be served at {@code now}: there is none, it is past its nextUpdate, or its
     * thisUpdate is still ahead (the clock was set back). Then a fetch makes one at once.
     */
    static boolean unservable(StoredCrl crl, Instant now) {
        return crl == null || !now.isBefore(crl.nextUpdate()) || now.isBefore(crl.thisUpdate());
    }

    private boolean due(StoredCrl crl, Instant now, boolean changed, Duration afterChange) {
        if (crl == null || !now.isBefore(crl.generatedAt().plus(regenerateEvery)) || now.isBefore(crl.generatedAt())) {
            return true; // none, an hour old, or made at a time the clock has not reached again (set back)
        }
        return changed && !now.isBefore(crl.generatedAt().plus(afterChange));
    }

    /**
     * Whether a revocation at {@code lastRevocation} (microseconds, as stored) may be missing from a CRL
     * whose generation started at {@code generatedAt}.
     */
    static boolean revokedSince(Instant lastRevocation, StoredCrl crl) {
        return crl != null && lastRevocation != null && !lastRevocation.isBefore(crl.generatedAt());
    }

    /** The first revocation time a delta CRL on {@code base} lists. */
    Instant deltaSince(StoredCrl base) {
        return base.thisUpdate().minus(deltaOverlap);
    }
}
