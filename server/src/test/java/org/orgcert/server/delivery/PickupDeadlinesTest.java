package org.orgcert.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Natural-day deadlines of window pick-up (R-CH-5, R-CH-6, R-CH-7). */
class PickupDeadlinesTest {
    final PickupDeadlines deadlines = new PickupDeadlines(LocalDate.of(2026, 9, 25));

    @Test
    void phoneNoticeFromDay5ToDay15_R_CH_5() {
        assertThat(deadlines.noticeDue(LocalDate.of(2026, 9, 29))).isFalse();
        assertThat(deadlines.noticeDue(LocalDate.of(2026, 9, 30))).isTrue();
        // Natural days: the National Day holiday does not move the window.
        assertThat(deadlines.noticeUntil()).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(deadlines.noticeDue(LocalDate.of(2026, 10, 11))).isFalse();
    }

    @Test
    void employerCallsFromDay16_R_CH_6() {
        assertThat(deadlines.selfServiceFrom()).isEqualTo(LocalDate.of(2026, 10, 11));
    }

    @Test
    void returnedOnDay46_R_CH_7() {
        assertThat(deadlines.collectBy()).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(deadlines.returnDue(LocalDate.of(2026, 11, 9))).isFalse();
        assertThat(deadlines.returnDue(LocalDate.of(2026, 11, 10))).isTrue();
    }
}
