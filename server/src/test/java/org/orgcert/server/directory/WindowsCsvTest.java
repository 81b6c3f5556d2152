package org.orgcert.server.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window directory is read completely and strictly from windows.csv (R-CH-8). */
class WindowsCsvTest {
    private static final String HEADER = "id,name,division_code,address,phones,hours\n";

    @Test
    void rCh8AllEighteenWindowsLoadWithPhonesAndHours() {
        List<ServiceWindow> windows = WindowsCsv.bundled();
        assertThat(windows).hasSize(18);
        assertThat(windows).extracting(ServiceWindow::id).doesNotHaveDuplicates()
                .startsWith("fumin", "xundian", "nanba", "wuhua").endsWith("yiliang");
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.phones()).isNotEmpty().allMatch(p -> p.matches("0871-\\d{8}"));
            assertThat(w.hours()).isNotEmpty();
            assertThat(w.address()).startsWith("昆明市");
        });
        ServiceWindow wuhua = windows.get(3);
        assertThat(wuhua.phones()).containsExactly("0871-63588349", "0871-63588509");
        assertThat(wuhua.divisionCode()).isEqualTo("530102");
        assertThat(wuhua.hours()).containsExactly(new OpeningHours(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new OpeningHours(LocalTime.of(13, 0), LocalTime.of(17, 0)));
        ServiceWindow luquan = windows.stream().filter(w -> w.id().equals("luquan")).findFirst().orElseThrow();
        assertThat(OpeningHours.format(luquan.hours())).isEqualTo("08:00-11:30;14:00-17:30");
        ServiceWindow nanba = windows.get(2);
        assertThat(OpeningHours.format(nanba.hours())).isEqualTo("09:00-17:00");
        assertThat(windows).filteredOn(w -> w.divisionCode() == null).extracting(ServiceWindow::id)
                .containsExactly("yangzonghai", "kaifaqu");
    }

    @Test
    void aLineThatCannotBeReadFullyIsRefusedWithItsNumber() {
        String good = "a,甲,530102,昆明市甲路1号,0871-63588349,09:00-12:00\n";
        assertThat(WindowsCsv.parse(HEADER + good)).hasSize(1);
        for (String bad : new String[] {
            "a,甲,530102,昆明市甲路1号,0871-63588349\n",
            "a,甲,5301,昆明市甲路1号,0871-63588349,09:00-12:00\n",
            "a,甲,530102,昆明市甲路1号,63588349,09:00-12:00\n",
            "a,甲,530102,昆明市甲路1号,,09:00-12:00\n",
            "a,甲,530102,昆明市甲路1号,0871-63588349,09:00-12:00;11:00-17:00\n",
            "a,甲,530102,昆明市甲路1号,0871-63588349,17:00-09:00\n",
            "a,甲,530102,昆明市甲路1号,0871-63588349,9 to 5\n",
            "a,甲,530102,\"昆明市甲路1号, 2楼\",0871-63588349,09:00-12:00\n",
            "A B,甲,530102,昆明市甲路1号,0871-63588349,09:00-12:00\n",
            good}) {
            assertThatThrownBy(() -> WindowsCsv.parse(HEADER + good + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("windows.csv line 3:");
        }
        assertThatThrownBy(() -> WindowsCsv.parse(good)).hasMessageContaining("header");
    }

    @Test
    void theCaHallIsOpenOnWorkingDays0900To1130And1300To1700() {
        assertThat(OpeningHours.format(CaHall.HALL.hours())).isEqualTo("09:00-11:30;13:00-17:00");
        assertThat(CaHall.HALL.address()).isEqualTo("云南省昆明市西山区滇池路384号滇池时代B座710号");
        assertThat(CaHall.HALL.phones()).containsExactly("0871-68163863");
        assertThat(CaHall.HALL.hotline()).isEqualTo("400-600-7210");
    }
}
