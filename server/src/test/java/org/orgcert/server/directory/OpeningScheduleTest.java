package org.orgcert.server.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orgcert.server.calendar.CalendarYearMissingException;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.calendar.WorkingDayCalendar;

/** Opening hours on the PRC working-day calendar, in Kunming time (R-CH-8). */
class OpeningScheduleTest {
    private static final OpeningSchedule SCHEDULE = new OpeningSchedule(WorkingDayCalendar.bundled()::isWorkingDay);
    private static final List<OpeningHours> WUHUA = OpeningHours.parseDay("09:00-12:00;13:00-17:00");
    private static final List<OpeningHours> LUQUAN = OpeningHours.parseDay("08:00-11:30;14:00-17:30");

    private static ZonedDateTime kunming(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ShanghaiTime.ZONE);
    }

    @Test
    void rCh8OpenDuringPeriodsOfAPlainWorkingDay() {
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-06-15T09:00"))).isTrue();
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-06-15T11:59"))).isTrue();
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-06-15T08:59"))).isFalse();
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-06-15T17:00"))).as("closing time is closed").isFalse();
        assertThat(SCHEDULE.nextOpening(WUHUA, kunming("2026-06-15T10:00"))).isEqualTo(kunming("2026-06-15T10:00"));
        assertThat(SCHEDULE.nextOpening(WUHUA, kunming("2026-06-15T17:00"))).isEqualTo(kunming("2026-06-16T09:00"));
        assertThat(SCHEDULE.opening(WUHUA, kunming("2026-06-15T10:00")))
                .isEqualTo(new Opening.Open(kunming("2026-06-15T12:00")));
    }

    @Test
    void rCh8ClosedAtLunchTime() {
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-06-15T12:00"))).isFalse();
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-06-15T12:30"))).isFalse();
        assertThat(SCHEDULE.nextOpening(WUHUA, kunming("2026-06-15T12:30"))).isEqualTo(kunming("2026-06-15T13:00"));
        // Luquan lunches 11:30-14:00.
        assertThat(SCHEDULE.isOpen(LUQUAN, kunming("2026-06-15T13:30"))).isFalse();
        assertThat(SCHEDULE.opening(LUQUAN, kunming("2026-06-15T13:30")))
                .isEqualTo(new Opening.Closed(kunming("2026-06-15T14:00")));
        assertThat(SCHEDULE.isOpen(CaHall.HALL.hours(), kunming("2026-06-15T11:45"))).isFalse();
    }

    @Test
    void rCh8ClosedOnASunday() {
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-06-14T10:00"))).isFalse();
        assertThat(SCHEDULE.nextOpening(WUHUA, kunming("2026-06-13T18:00"))).isEqualTo(kunming("2026-06-15T09:00"));
    }

    @Test
    void rCh8ClosedOnAHolidayOpenOnAMakeUpSaturday() {
        // National Day 2025: Fri Oct 3 is a holiday; Sat Oct 11 is a make-up working day.
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2025-10-03T10:00"))).isFalse();
        assertThat(SCHEDULE.nextOpening(WUHUA, kunming("2025-09-30T17:30"))).isEqualTo(kunming("2025-10-09T09:00"));
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2025-10-11T10:00"))).isTrue();
        assertThat(SCHEDULE.isOpen(CaHall.HALL.hours(), kunming("2025-10-11T16:59"))).isTrue();
        // Spring Festival 2026 (Feb 15-23); Sat Feb 14 works.
        assertThat(SCHEDULE.isOpen(WUHUA, kunming("2026-02-18T10:00"))).isFalse();
        assertThat(SCHEDULE.nextOpening(WUHUA, kunming("2026-02-14T17:00"))).isEqualTo(kunming("2026-02-24T09:00"));
    }

    @Test
    void questionsInUtcAreAnsweredInKunmingTime() {
        // 02:00 UTC is 10:00 in Kunming; 16:30 UTC on Sunday is 00:30 Monday there.
        ZonedDateTime utc = ZonedDateTime.of(2026, 6, 15, 2, 0, 0, 0, ZoneOffset.UTC);
        assertThat(SCHEDULE.isOpen(WUHUA, utc)).isTrue();
        ZonedDateTime sundayUtc = ZonedDateTime.of(2026, 6, 14, 16, 30, 0, 0, ZoneOffset.UTC);
        assertThat(SCHEDULE.nextOpening(WUHUA, sundayUtc)).isEqualTo(kunming("2026-06-15T09:00"));
    }

    @Test
    void rCh8AMissingYearIsNotGuessed() {
        ZonedDateTime newYearsEve = kunming("2026-12-31T18:00");
        assertThat(SCHEDULE.isOpen(WUHUA, newYearsEve)).isFalse();
        assertThatThrownBy(() -> SCHEDULE.nextOpening(WUHUA, newYearsEve))
                .isInstanceOf(CalendarYearMissingException.class);
        assertThat(SCHEDULE.opening(WUHUA, newYearsEve)).isEqualTo(new Opening.Closed(null));
        assertThat(SCHEDULE.opening(WUHUA, kunming("2027-01-04T10:00"))).isInstanceOf(Opening.Unknown.class);
    }
}
