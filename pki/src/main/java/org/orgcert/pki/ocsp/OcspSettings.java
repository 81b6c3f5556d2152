package org.orgcert.pki.ocsp;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a responder's answers are valid and how it caches them.
 *
 * @param validity      nextUpdate minus thisUpdate of every response (relying parties cache that long)
 * @param refreshMargin a cached response is signed again once less than this is left before its
 *                      nextUpdate, so no client is served one that is about to expire
 * @param maxCached     at most this many pre-signed responses are kept; past it responses are signed per
 *                      request (a bound on memory: a response is about 1-2.5 KiB)
 */
public record OcspSettings(Duration validity, Duration refreshMargin, int maxCached) {
    public OcspSettings {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        if (validity.toSeconds() < 1 || refreshMargin.isNegative() || refreshMargin.compareTo(validity) >= 0) {
            throw new IllegalArgumentException("validity must be at least one second and refreshMargin in [0, validity)");
        }
        if (maxCached < 0) {
            throw new IllegalArgumentException("maxCached must not be negative");
        }
    }

    /** {@code validity}, re-signing in its last quarter, and up to 200,000 cached responses. */
    public static OcspSettings of(Duration validity) {
        return new OcspSettings(validity, validity.dividedBy(4), 200_000);
    }
}
