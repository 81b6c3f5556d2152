package org.orgcert.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Year;
import org.junit.jupiter.api.Test;

/** An administrator's calendar document is checked completely before anything uses it (R-CH-8). */
class CalendarYearTest {
    private static final Year Y2027 = Year.of(2027);

    private static CalendarYear parse(String json) {
        return CalendarYear.parse(Y2027, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String doc(String year, String days) {
        return "{\"year\":" + year + ",\"papers\":[\"https://www.gov.cn/x\"],\"days\":[" + days + "]}";
    }

    private static final String NEW_YEAR = "{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}";

    @Test
    void aGoodDocumentParses() {
        CalendarYear year = parse(doc("2027", NEW_YEAR + ",{\"name\":\"春节\",\"date\":\"2027-02-06\",\"isOffDay\":false}"));
        assertThat(year.days()).hasSize(2);
        assertThat(year.papers()).containsExactly("https://www.gov.cn/x");
        assertThat(year.day(java.time.LocalDate.of(2027, 2, 6))).hasValue(
                new CalendarDay(java.time.LocalDate.of(2027, 2, 6), "春节", false));
    }

    @Test
    void theYearMustMatch() {
        assertThatThrownBy(() -> parse(doc("2026", NEW_YEAR)))
                .isInstanceOfSatisfying(CalendarYearInvalidException.class,
                        e -> assertThat(e.errors()).containsKey("year"));
    }

    @Test
    void datesMustBeInTheYearAndListedOnce() {
        assertThatThrownBy(() -> parse(doc("2027", NEW_YEAR + ","
                + "{\"name\":\"元旦\",\"date\":\"2026-12-24\",\"isOffDay\":true}," + NEW_YEAR + ","
                + "{\"name\":\"x\",\"date\":\"2027-02-30\",\"isOffDay\":true}")))
                .isInstanceOfSatisfying(CalendarYearInvalidException.class, e -> assertThat(e.errors())
                        .containsOnlyKeys("days[1].date", "days[2].date", "days[3].date")
                        .containsEntry("days[2].date", "2027-01-01 is listed twice"));
    }

    @Test
    void theNewYearWeekBeforeMayBeListed() {
        // As the real 2023 notice lists 2022-12-31: the New Year holiday started the day before.
        assertThat(parse(doc("2027", "{\"name\":\"元旦\",\"date\":\"2026-12-31\",\"isOffDay\":true}")).days())
                .containsOnlyKeys(java.time.LocalDate.of(2026, 12, 31));
    }

    @Test
    void isOffDayMustBeABoolean() {
        assertThatThrownBy(() -> parse(doc("2027", "{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":\"true\"},"
                + "{\"name\":\"元旦\",\"date\":\"2027-01-02\"}")))
                .isInstanceOfSatisfying(CalendarYearInvalidException.class, e -> assertThat(e.errors())
                        .containsOnlyKeys("days[0].isOffDay", "days[1].isOffDay"));
    }

    @Test
    void aHolidayNameWithAControlCharacterIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse(doc("2027", "{\"name\":\"元\\u0000旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}")))
                .isInstanceOfSatisfying(CalendarYearInvalidException.class, e -> assertThat(e.errors())
                        .containsOnlyKeys("days[0].name"));
    }

    @Test
    void malformedDocumentsAreRefused() {
        for (String bad : new String[] {"", "not json", "[]", "{\"year\":2027", doc("2027", NEW_YEAR) + " {}",
            "{\"year\":2027,\"year\":2027,\"days\":[" + NEW_YEAR + "]}", doc("2027", ""), doc("2027.5", NEW_YEAR),
            "{\"year\":2027}", doc("2027", "1")}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(CalendarYearInvalidException.class);
        }
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        byte[] big = new byte[CalendarYear.MAX_BYTES + 1];
        assertThatThrownBy(() -> CalendarYear.parse(Y2027, big))
                .isInstanceOfSatisfying(CalendarYearInvalidException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("body"));
    }
}
