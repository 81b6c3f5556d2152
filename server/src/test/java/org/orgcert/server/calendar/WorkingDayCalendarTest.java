package org.orgcert.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Year;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PRC working-day calendar on the bundled 2022–2026 notices (R-CH-2, R-CH-4, R-CH-8 interpretation). */
class WorkingDayCalendarTest {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.bundled();

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void bundledDataCovers2022To2026() {
        assertThat(CALENDAR.yearsCovered()).containsExactly(Year.of(2022), Year.of(2023), Year.of(2024),
                Year.of(2025), Year.of(2026));
        assertThat(CALENDAR.lastYearCovered()).isEqualTo(Year.of(2026));
    }

    @Test
    void rCh2NationalDay2025HolidaysAndMakeUpDays() {
        for (LocalDate day = d("2025-10-01"); !day.isAfter(d("2025-10-08")); day = day.plusDays(1)) {
            assertThat(CALENDAR.isWorkingDay(day)).as(day.toString()).isFalse();
            assertThat(CALENDAR.holidayName(day)).contains("国庆节、中秋节");
        }
        // Sunday Sep 28 and Saturday Oct 11 are make-up working days (调休).
        assertThat(CALENDAR.isWorkingDay(d("2025-09-28"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(d("2025-10-11"))).isTrue();
        assertThat(CALENDAR.holidayName(d("2025-10-11"))).isEmpty();
        assertThat(CALENDAR.listedDay(d("2025-10-11"))).hasValueSatisfying(day -> assertThat(day.offDay()).isFalse());
        // An ordinary weekend next to the holiday stays off.
        assertThat(CALENDAR.isWorkingDay(d("2025-09-27"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(d("2025-10-12"))).isFalse();
    }

    @Test
    void rCh2ThreeWorkingDaysAcrossNationalDay2025EndOnTheMakeUpSaturday() {
        // Approved Tue Sep 30: the day itself does not count; Oct 1-8 are off; Thu 9, Fri 10, Sat 11 (调休).
        assertThat(CALENDAR.addWorkingDays(d("2025-09-30"), 3)).isEqualTo(d("2025-10-11"));
        assertThat(CALENDAR.addWorkingDays(d("2025-09-30"), 2)).isEqualTo(d("2025-10-10"));
        // Approved Fri Sep 26: the make-up Sunday Sep 28 is the first of the three days.
        assertThat(CALENDAR.addWorkingDays(d("2025-09-26"), 3)).isEqualTo(d("2025-09-30"));
        assertThat(CALENDAR.workingDaysBetween(d("2025-09-30"), d("2025-10-11"))).isEqualTo(3);
    }

    @Test
    void rCh2SpringFestival2026() {
        for (LocalDate day = d("2026-02-15"); !day.isAfter(d("2026-02-23")); day = day.plusDays(1)) {
            assertThat(CALENDAR.isWorkingDay(day)).as(day.toString()).isFalse();
        }
        assertThat(CALENDAR.holidayName(d("2026-02-17"))).contains("春节");
        assertThat(CALENDAR.isWorkingDay(d("2026-02-14"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(d("2026-02-28"))).isTrue();
        // Fri Feb 13 + 3: Sat 14 (调休), then the holiday, then Tue 24 and Wed 25.
        assertThat(CALENDAR.addWorkingDays(d("2026-02-13"), 3)).isEqualTo(d("2026-02-25"));
        assertThat(CALENDAR.workingDaysBetween(d("2026-02-14"), d("2026-02-23"))).isZero();
    }

    @Test
    void aHolidayListedInTheNextYearsNoticeCounts() {
        // 2022-12-31 is in the 2023 notice (元旦 2022-12-31..2023-01-02), not in the 2022 one.
        assertThat(CALENDAR.holidayName(d("2022-12-31"))).contains("元旦");
        assertThat(CALENDAR.holidayName(d("2023-01-02"))).contains("元旦");
        assertThat(CALENDAR.addWorkingDays(d("2022-12-30"), 1)).isEqualTo(d("2023-01-03"));
    }

    @Test
    void rCh2APlainWeek() {
        // 2026-03-09 .. 03-15 lists nothing: Monday to Friday work, the weekend does not.
        assertThat(CALENDAR.isWorkingDay(d("2026-03-09"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(d("2026-03-13"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(d("2026-03-14"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(d("2026-03-15"))).isFalse();
        assertThat(CALENDAR.holidayName(d("2026-03-14"))).isEmpty();
        assertThat(CALENDAR.addWorkingDays(d("2026-03-09"), 3)).isEqualTo(d("2026-03-12"));
        assertThat(CALENDAR.addWorkingDays(d("2026-03-11"), 3)).isEqualTo(d("2026-03-16"));
        // Starting on a Saturday: Monday is the first day.
        assertThat(CALENDAR.addWorkingDays(d("2026-03-14"), 1)).isEqualTo(d("2026-03-16"));
        assertThat(CALENDAR.addWorkingDays(d("2026-03-14"), 0)).isEqualTo(d("2026-03-14"));
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(d("2026-03-14"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rCh5NaturalDaysIgnoreHolidaysAndNeedNoData() {
        assertThat(CALENDAR.addNaturalDays(d("2025-09-30"), 15)).isEqualTo(d("2025-10-15"));
        assertThat(CALENDAR.addNaturalDays(d("2026-12-20"), 45)).isEqualTo(d("2027-02-03"));
    }

    @Test
    void rCh8AMissingYearIsRefusedNotGuessed() {
        assertThatThrownBy(() -> CALENDAR.isWorkingDay(d("2027-01-04")))
                .isInstanceOfSatisfying(CalendarYearMissingException.class,
                        e -> assertThat(e.year()).isEqualTo(Year.of(2027)))
                .hasMessageContaining("No working-day calendar for 2027")
                .hasMessageContaining("an administrator must load the State Council notice");
        // Dec 31 2026 counts, then Jan 1 2027 cannot be judged.
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(d("2026-12-30"), 3))
                .isInstanceOf(CalendarYearMissingException.class).hasMessageContaining("2027");
        assertThatThrownBy(() -> CALENDAR.holidayName(d("2021-10-01")))
                .isInstanceOf(CalendarYearMissingException.class).hasMessageContaining("2021");
    }

    @Test
    void rCh8AnAddedYearIsUsed() {
        CalendarYear y2027 = CalendarYear.parse(Year.of(2027), ("{\"year\":2027,\"papers\":[],\"days\":["
                + "{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true},"
                + "{\"name\":\"元旦\",\"date\":\"2027-01-02\",\"isOffDay\":false}]}").getBytes(StandardCharsets.UTF_8));
        WorkingDayCalendar extended = CALENDAR.withYear(y2027);
        assertThat(extended.lastYearCovered()).isEqualTo(Year.of(2027));
        // Thu Dec 31, then Fri Jan 1 off, Sat Jan 2 make-up, Mon Jan 4.
        assertThat(extended.addWorkingDays(d("2026-12-30"), 3)).isEqualTo(d("2027-01-04"));
        assertThat(CALENDAR.covers(Year.of(2027))).as("the original is unchanged").isFalse();
    }

    @Test
    void workingDaysBetweenInvertsAddWorkingDays() {
        Random random = new Random(20251001L);
        for (int i = 0; i < 300; i++) {
            LocalDate start = d("2022-01-01").plusDays(random.nextInt(1700));
            int n = random.nextInt(25);
            LocalDate due = CALENDAR.addWorkingDays(start, n);
            assertThat(CALENDAR.workingDaysBetween(start, due)).as(start + " + " + n).isEqualTo(n);
            assertThat(n == 0 || CALENDAR.isWorkingDay(due)).as("the due date is a working day").isTrue();
        }
    }
}
