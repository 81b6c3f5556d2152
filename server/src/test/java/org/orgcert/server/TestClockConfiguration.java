package org.orgcert.server;

import java.time.Instant;
import org.orgcert.pki.testing.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one clock of every {@link ServiceTest}: set by hand, so time-dependent behaviour is tested without
 * sleeping. {@link ServiceTestBase} puts it back to {@link #START} before each test, so the shared context
 * never carries one test's time into the next.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {
    /**
     * Monday 2026-06-15, 10:00 in Kunming: a plain working day, mid-year (the calendar status is OK), with
     * every window open.
     */
    public static final Instant START = Instant.parse("2026-06-15T02:00:00Z");

    // Primary: the service's own ClockConfiguration may still define its clock, depending on the order in
    // which configurations are read; this one wins either way.
    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }
}
