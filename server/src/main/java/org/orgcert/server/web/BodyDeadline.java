package org.orgcert.server.web;

import java.time.Duration;

/**
 * How long a request body may take to arrive: a fixed allowance plus time in proportion to what has arrived
 * (like Apache's mod_reqtimeout {@code body=10,MinRate=8192}). A scan uploaded over a slow line keeps
 * earning time; a client trickling a byte every few seconds runs out after the fixed allowance.
 *
 * @param allowance    the time any body may take
 * @param bytesPerSecond the rate that earns further time: every this many bytes buy one more second
 */
record BodyDeadline(Duration allowance, long bytesPerSecond) {

    BodyDeadline {
        if (allowance.isNegative() || allowance.isZero() || bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a body deadline needs a positive allowance and rate");
        }
    }

    /** Whether a body that started {@code elapsedNanos} ago and has delivered {@code bytes} is too slow. */
    boolean exceeded(long elapsedNanos, long bytes) {
        long earnedNanos = bytes >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE / 2
                : bytes * 1_000_000_000L / bytesPerSecond;
        return elapsedNanos > allowance.toNanos() + earnedNanos;
    }
}
