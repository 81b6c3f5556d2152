package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orgcert.server.BrowserTest;

/**
 * The windows page in a real browser at hand-set times (R-CH-8): open or closed from each place's hours and
 * the working-day calendar, with when it opens next.
 */
class WindowsBrowserTest extends BrowserTest {

    @Test
    void atTenOnAWorkingDayTheHallAndAllEighteenWindowsAreOpen_R_CH_8() {
        open("/windows");
        assertThat(findAll(".places .place")).hasSize(18)
                .allSatisfy(place -> assertThat(place.getAttribute("data-open")).isEqualTo("true"));
        assertThat(find("#place-ca-hall").getAttribute("data-open")).isEqualTo("true");
        assertThat(status("ca-hall")).isEqualTo("正在办公，11:30结束");
        assertThat(find("#place-wuhua").getText()).contains("五华区劳动就业服务局", "0871-63588349", "0871-63588509",
                "09:00–12:00, 13:00–17:00");
        assertThat(find("#hotline").getText()).contains("400-600-7210");
    }

    @Test
    void onAPublicHolidayAWindowIsClosedAndSaysWhenItOpens_R_CH_8() {
        setShanghaiTime("2025-10-03T10:00");
        open("/windows");
        assertThat(find("#place-wuhua").getAttribute("data-open")).isEqualTo("false");
        assertThat(status("wuhua")).isEqualTo("现在不办公，10月9日（周四）09:00开始办公");
        assertThat(find("#place-ca-hall").getAttribute("data-open")).isEqualTo("false");
        open("/windows?lang=en");
        assertThat(status("wuhua")).isEqualTo("Closed now; opens Thu 9 October, 09:00");
    }

    @Test
    void onAMakeUpWorkingDayTheWindowsAreOpen_R_CH_8() {
        // Saturday 2025-10-11 is a working day (调休) after National Day.
        setShanghaiTime("2025-10-11T10:00");
        open("/windows");
        assertThat(find("#place-wuhua").getAttribute("data-open")).isEqualTo("true");
        assertThat(status("wuhua")).isEqualTo("正在办公，12:00结束");
    }

    @Test
    void beforeOpeningAWindowOpensTodayWhileAnEarlierOneIsOpen_R_CH_8() {
        setShanghaiTime("2026-06-15T08:30");
        open("/windows");
        assertThat(find("#place-wuhua").getAttribute("data-open")).isEqualTo("false");
        assertThat(status("wuhua")).isEqualTo("现在不办公，今天09:00开始办公");
        // 禄劝 opens at 08:00 and 寻甸 at 08:30 sharp (a period includes its start).
        assertThat(find("#place-luquan").getAttribute("data-open")).isEqualTo("true");
        assertThat(find("#place-xundian").getAttribute("data-open")).isEqualTo("true");
        // After work on Friday: opens on Monday, shown with its date.
        setShanghaiTime("2026-06-19T17:30");
        open("/windows");
        assertThat(status("wuhua")).isEqualTo("现在不办公，6月22日（周一）09:00开始办公");
    }

    private String status(String id) {
        return find("#place-" + id + " .status-text").getText();
    }
}
