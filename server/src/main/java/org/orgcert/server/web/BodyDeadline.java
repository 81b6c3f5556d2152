package org.orgcert.server.web;

import java.time.Duration;

/**
 * How long a request body may take to arrive: a fixed allowance plus time in proportion to what has arrived
 * (like Apache's mod_reqtimeout {@code body=10,MinRate=8192}), never more than a hard cap. A scan uploaded over
 * a slow line keeps earning time; a client trickling a byte every few seconds runs out after the fixed
 * allowance; and a body sent at just the minimum rate still ends at the cap (issue 12 review, finding 4: without
 * one, a 4 MB body at 9 KB/s held a reader for about 440 s). Uploads have their own size limit, so the cap
 * needs only to fit the largest one over the slowest line the service means to serve.
 *
 * @param allowance      the time any body may take
 * @param bytesPerSecond the rate that earns further time: every this many bytes buy one more second
 * @param cap            the most time any body may take, however fast it comes
 */
record BodyDeadline(Duration allowance, long bytesPerSecond, Duration cap) {
    static final Duration DEFAULT_CAP = Duration.ofSeconds(60);

    BodyDeadline {
        if (allowance.isNegative() || allowance.isZero() || bytesPerSecond <= 0 || cap.compareTo(allowance) < 0) {
            throw new IllegalArgumentException("a body deadline needs a positive allowance and rate, and a cap"
                    + " no shorter than the allowance");
        }
    }

    BodyDeadline(Duration allowance, long bytesPerSecond) {
        this(allowance, bytesPerSecond, DEFAULT_CAP.compareTo(allowance) < 0 ? allowance : DEFAULT_CAP);
    }

    /** Whether a body that started {@code elapsedNanos} ago and has delivered {@code bytes} is too slow. */
    boolean exceeded(long elapsedNanos, long bytes) {
        if (elapsedNanos > cap.toNanos()) {
            return true;
        }
        long earnedNanos = bytes >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE / 2
                : bytes * 1_000_000_000L / bytesPerSecond;
        return elapsedNanos > allowance.toNanos() + earnedNanos;
    }
}
