package org.orgcert.server;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.orgcert.pki.testing.MutableClock;
import org.orgcert.server.calendar.ShanghaiTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The base of {@link ServiceTest} classes: wires the test database in and resets the test clock. */
public abstract class ServiceTestBase {

    /** The service's clock ({@link TestClockConfiguration}); tests move it with {@link #setTime}. */
    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeEach
    void resetClock() {
        setTime(TestClockConfiguration.START);
    }

    /** Sets the service's clock to {@code instant}. */
    protected void setTime(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    /** Sets the service's clock to a Kunming wall-clock time such as {@code 2026-10-10T09:30}. */
    protected void setShanghaiTime(String localDateTime) {
        setTime(LocalDateTime.parse(localDateTime).atZone(ShanghaiTime.ZONE).toInstant());
    }
}
