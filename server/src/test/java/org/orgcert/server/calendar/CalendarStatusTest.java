package org.orgcert.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Year;
import org.junit.jupiter.api.Test;
import org.orgcert.server.calendar.CalendarStatus.Level;

/** The service warns ahead of the end of its holiday data (R-CH-8 interpretation). */
class CalendarStatusTest {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.bundled();

    @Test
    void midYearIsOk() {
        CalendarStatus status = CalendarStatus.of(CALENDAR, LocalDate.of(2026, 6, 15));
        assertThat(status.level()).isEqualTo(Level.OK);
        assertThat(status.coveredThrough()).isEqualTo(Year.of(2026));
    }

    @Test
    void rCh8WarnsWithinSixtyDaysOfTheEnd() {
        assertThat(CalendarStatus.of(CALENDAR, LocalDate.of(2026, 11, 1)).level()).isEqualTo(Level.OK);
        CalendarStatus november = CalendarStatus.of(CALENDAR, LocalDate.of(2026, 11, 2));
        assertThat(november.level()).isEqualTo(Level.WARN);
        assertThat(november.daysLeft()).isEqualTo(60);
        assertThat(november.message()).contains("load the State Council notice for 2027");
    }

    @Test
    void rCh8WarnsWhenTodayHasNoData() {
        CalendarStatus status = CalendarStatus.of(CALENDAR, LocalDate.of(2027, 1, 4));
        assertThat(status.level()).isEqualTo(Level.WARN);
        assertThat(status.coveredThrough()).isNull();
        assertThat(status.message()).contains("No working-day calendar for 2027");
    }

    @Test
    void aLoadedNextYearEndsTheWarning() {
        WorkingDayCalendar extended = CALENDAR.withYear(CalendarYear.parse(Year.of(2027),
                "{\"year\":2027,\"days\":[{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        CalendarStatus status = CalendarStatus.of(extended, LocalDate.of(2026, 11, 24));
        assertThat(status.level()).isEqualTo(Level.OK);
        assertThat(status.coveredThrough()).isEqualTo(Year.of(2027));
    }
}
