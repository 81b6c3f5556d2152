package org.orgcert.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.calendar.WorkingDayCalendar;

/** The dates the employer may expect, against the rules and the bundled PRC calendar (holidays, make-up days). */
class ExpectedDatesTest {
    private static final ExpectedDates DATES = new ExpectedDates(WorkingDayCalendar.bundled());

    @ParameterizedTest(name = "may start {0} -> produced by {1}")
    @CsvSource({
            // Friday: Monday, Tuesday, Wednesday.
            "2026-06-12, 2026-06-17",
            // Dragon Boat Festival 2026-06-19..21 off: Thursday, then Monday and Tuesday.
            "2026-06-17, 2026-06-23",
            // National Day 2026-10-01..07 off, Saturday 10-10 a make-up working day.
            "2026-09-30, 2026-10-10",
            // National Day 2025-10-01..08 off, Saturday 10-11 a make-up working day.
            "2025-09-30, 2025-10-11"})
    void producedWithinThreeWorkingDaysOfTheDayProductionMayStart_R_CH_2(LocalDate mayStart, LocalDate producedBy) {
        for (Delivery delivery : Delivery.values()) {
            assertThat(DATES.expect(delivery, mayStart.minusDays(3), mayStart, null).producedBy()).as(delivery.name())
                    .isEqualTo(producedBy);
        }
    }

    @Test
    void theDueDateRecordedWhenProductionStartedWinsAndNothingIsGuessedBeforeItMayStart_R_CH_2() {
        LocalDate submitted = LocalDate.of(2026, 6, 15);
        assertThat(DATES.expect(Delivery.MAIL, submitted, LocalDate.of(2026, 6, 12), LocalDate.of(2026, 6, 18))
                .producedBy()).isEqualTo(LocalDate.of(2026, 6, 18));
        // Under review or awaiting payment: no day yet.
        assertThat(DATES.expect(Delivery.MAIL, submitted, null, null).producedBy()).isNull();
    }

    @Test
    void aYearWithoutCalendarDataGivesNoDateRatherThanAGuess_R_CH_2() {
        // 2027 is not in the bundled calendar: 2026-12-31 is the first working day, the second is unknown.
        assertThat(DATES.expect(Delivery.ON_THE_SPOT, LocalDate.of(2026, 12, 28), LocalDate.of(2026, 12, 30), null)
                .producedBy()).isNull();
    }

    @Test
    void atAWindowPhonedOnDays5To15ElseCallOrComeOnDays16To45_R_CH_5_R_CH_6_R_CH_7() {
        ExpectedDates.Expected pickup = DATES.expect(Delivery.WINDOW_PICKUP, LocalDate.of(2026, 6, 15), null, null);
        // Natural days from the day of submission, holidays included (the Dragon Boat Festival falls inside).
        assertThat(pickup.phonedFrom()).isEqualTo(LocalDate.of(2026, 6, 20));
        assertThat(pickup.phonedUntil()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(pickup.comeFrom()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(pickup.collectBy()).isEqualTo(LocalDate.of(2026, 7, 30));

        ExpectedDates.Expected mailed = DATES.expect(Delivery.MAIL, LocalDate.of(2026, 6, 15), null, null);
        assertThat(mailed.phonedFrom()).isNull();
        assertThat(mailed.collectBy()).isNull();
    }
}
