package org.orgcert.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When CRLs are reissued: hourly, a delta a second and a full CRL five minutes after a revocation, never past
 * nextUpdate (RFC 5280 5.1.2.5).
 */
class CrlScheduleTest {
    private static final CrlSchedule SCHEDULE = CrlSchedule.DEFAULT;
    private static final Instant MADE = Instant.parse("2026-11-24T08:00:00.400Z");
    private static final StoredCrl FULL = new StoredCrl("sm2", false, BigInteger.TEN, null, MADE,
            Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-25T08:00:00Z"), 0, new byte[0]);
    private static final StoredCrl DELTA = new StoredCrl("sm2", true, BigInteger.valueOf(11), BigInteger.TEN, MADE,
            Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-25T08:00:00Z"), 0, new byte[0]);

    @Test
    void aCrlIsValidForADayAndReplacedEveryHour() {
        assertThat(SCHEDULE.nextUpdate(FULL.thisUpdate())).isEqualTo(FULL.nextUpdate());
        assertThat(SCHEDULE.fullDue(FULL, MADE.plus(Duration.ofMinutes(59)), false)).isFalse();
        assertThat(SCHEDULE.fullDue(FULL, MADE.plus(Duration.ofHours(1)), false)).isTrue();
        assertThat(SCHEDULE.deltaDue(DELTA, FULL, MADE.plus(Duration.ofMinutes(59)), false)).isFalse();
        assertThat(SCHEDULE.deltaDue(DELTA, FULL, MADE.plus(Duration.ofHours(1)), false)).isTrue();
        assertThat(SCHEDULE.fullDue(null, MADE, false)).isTrue();
        assertThat(SCHEDULE.deltaDue(null, FULL, MADE, false)).isTrue();
    }

    @Test
    void aRevocationMakesADeltaWithinASecondAndAFullCrlWithinFiveMinutes() {
        assertThat(SCHEDULE.deltaDue(DELTA, FULL, MADE.plusMillis(999), true)).isFalse();
        assertThat(SCHEDULE.deltaDue(DELTA, FULL, MADE.plusSeconds(1), true)).isTrue();
        assertThat(SCHEDULE.fullDue(FULL, MADE.plusSeconds(299), true)).isFalse();
        assertThat(SCHEDULE.fullDue(FULL, MADE.plusSeconds(300), true)).isTrue();
    }

    @Test
    void aRevocationAtOrAfterTheStartOfGenerationMayBeMissing() {
        assertThat(CrlSchedule.revokedSince(Instant.parse("2026-11-24T08:00:00.399Z"), FULL)).isFalse();
        assertThat(CrlSchedule.revokedSince(MADE, FULL)).isTrue();
        assertThat(CrlSchedule.revokedSince(Instant.parse("2026-11-24T08:00:01Z"), FULL)).isTrue();
        assertThat(CrlSchedule.revokedSince(null, FULL)).isFalse();
    }

    @Test
    void aDeltaOnAnOlderFullCrlIsReplaced() {
        StoredCrl newerFull = new StoredCrl("sm2", false, BigInteger.valueOf(12), null, MADE.plusSeconds(5),
                FULL.thisUpdate(), FULL.nextUpdate(), 0, new byte[0]);
        assertThat(SCHEDULE.deltaDue(DELTA, newerFull, MADE.plusSeconds(5), false)).isTrue();
    }

    @Test
    void aCrlIsNeverServedPastItsNextUpdateNorBeforeItsThisUpdate() {
        assertThat(CrlSchedule.unservable(FULL, FULL.nextUpdate().minusMillis(1))).isFalse();
        assertThat(CrlSchedule.unservable(FULL, FULL.thisUpdate())).isFalse();
        assertThat(CrlSchedule.unservable(FULL, FULL.nextUpdate())).isTrue();
        assertThat(CrlSchedule.unservable(FULL, FULL.thisUpdate().minusMillis(1))).isTrue();
        assertThat(CrlSchedule.unservable(null, MADE)).isTrue();
    }

    @Test
    void aCrlMadeAheadOfTheClockIsReplaced() {
        assertThat(SCHEDULE.fullDue(FULL, MADE.minusSeconds(1), false)).isTrue();
        assertThat(SCHEDULE.deltaDue(DELTA, FULL, MADE.minusSeconds(1), false)).isTrue();
    }

    @Test
    void aDeltaOverlapsItsBase() {
        assertThat(SCHEDULE.deltaSince(FULL)).isEqualTo(Instant.parse("2026-11-24T07:50:00Z"));
    }
}
