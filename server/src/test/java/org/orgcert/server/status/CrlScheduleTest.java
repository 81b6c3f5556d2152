package org.orgcert.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When CRLs are reissued: hourly, after a revocation, never past nextUpdate (RFC 5280 5.1.2.5). */
class CrlScheduleTest {
    private static final CrlSchedule SCHEDULE = CrlSchedule.DEFAULT;
    private static final Instant MADE = Instant.parse("2026-11-24T08:00:00.400Z");
    private static final StoredCrl CRL = new StoredCrl("sm2", false, BigInteger.TEN, null, MADE,
            Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-25T08:00:00Z"), 0, new byte[0]);

    @Test
    void aCrlIsValidForADayAndReplacedEveryHour() {
        assertThat(SCHEDULE.nextUpdate(CRL.thisUpdate())).isEqualTo(CRL.nextUpdate());
        assertThat(SCHEDULE.stale(CRL, MADE.plus(Duration.ofMinutes(59)), Optional.empty(), false)).isFalse();
        assertThat(SCHEDULE.stale(CRL, MADE.plus(Duration.ofHours(1)), Optional.empty(), false)).isTrue();
        assertThat(SCHEDULE.stale(null, MADE, Optional.empty(), false)).isTrue();
    }

    @Test
    void aRevocationMakesItStale() {
        Instant soon = MADE.plusSeconds(5);
        assertThat(SCHEDULE.stale(CRL, soon, Optional.of(Instant.parse("2026-11-24T08:00:00.399Z")), false)).isFalse();
        assertThat(SCHEDULE.stale(CRL, soon, Optional.of(MADE), false)).isTrue();
        assertThat(SCHEDULE.stale(CRL, soon, Optional.of(Instant.parse("2026-11-24T08:00:01Z")), false)).isTrue();
        assertThat(SCHEDULE.stale(CRL, soon, Optional.empty(), true)).isTrue();
    }

    @Test
    void aDeltaOverlapsItsBase() {
        assertThat(SCHEDULE.deltaSince(CRL)).isEqualTo(Instant.parse("2026-11-24T07:50:00Z"));
    }
}
