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

    /**
     * An {@code openssl} command judged at the service's hand-set time rather than the machine's: certificates
     * checked at that time ({@code -attime}), and response times allowed to differ from the machine's clock by
     * as much as the two clocks differ ({@code -validity_period}, for {@code openssl ocsp}).
     */
    protected String[] atServiceTime(String... command) {
        long skew = Math.abs(Duration.between(clock.instant(), Instant.now()).toSeconds()) + 3600;
        String[] full = java.util.Arrays.copyOf(command, command.length + 4);
        full[command.length] = "-attime";
        full[command.length + 1] = Long.toString(clock.instant().getEpochSecond());
        full[command.length + 2] = "-validity_period";
        full[command.length + 3] = Long.toString(skew);
        return full;
    }
}
