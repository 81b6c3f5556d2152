package org.orgcert.server.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.calendar.CalendarYearMissingException;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The directory of the 18 county/district windows and the CA hall (R-CH-8), and when they are open: on
 * working days of the PRC calendar during their hours, in Kunming time.
 */
@Service
public class Directory {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final OpeningSchedule schedule;

    public Directory(JdbcTemplate jdbc, CalendarService calendar, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.schedule = new OpeningSchedule(calendar::isWorkingDay);
    }

    /** The listed windows, in directory order. */
    public List<ServiceWindow> windows() {
        return jdbc.query("SELECT * FROM service_window WHERE listed ORDER BY position", (rs, i) -> map(rs));
    }

    /** The listed window {@code id}, if there is one. */
    public Optional<ServiceWindow> window(String id) {
        return jdbc.query("SELECT * FROM service_window WHERE listed AND id = ?", (rs, i) -> map(rs), id).stream()
                .findFirst();
    }

    /**
     * True iff window {@code id} is open at {@code time}.
     *
     * @throws Refusal                  404 {@code unknown-window}
     * @throws CalendarYearMissingException if {@code time} is in a year without calendar data
     */
    public boolean isOpen(String id, ZonedDateTime time) {
        return schedule.isOpen(require(id).hours(), time);
    }

    /**
     * The first moment at or after {@code time} when window {@code id} is open ({@code time} itself while
     * it is open), in Kunming time.
     *
     * @throws Refusal                  404 {@code unknown-window}
     * @throws CalendarYearMissingException if the answer lies in a year without calendar data
     */
    public ZonedDateTime nextOpening(String id, ZonedDateTime time) {
        return schedule.nextOpening(require(id).hours(), time);
    }

    /** Whether window {@code id} is open now by the service's clock, and until or from when. */
    public Opening openingNow(ServiceWindow window) {
        return schedule.opening(window.hours(), now());
    }

    /** Whether the CA hall is open now, and until or from when. */
    public Opening caHallOpeningNow() {
        return schedule.opening(CaHall.HALL.hours(), now());
    }

    /** The listed window {@code id}, or 404 {@code unknown-window}. */
    public ServiceWindow require(String id) {
        return window(id).orElseThrow(() -> DirectoryRefusal.UNKNOWN_WINDOW.refuse("There is no service window '" + id + "'."));
    }

    private ZonedDateTime now() {
        return ShanghaiTime.at(clock.instant());
    }

    static ServiceWindow map(ResultSet rs) throws SQLException {
        return new ServiceWindow(rs.getString("id"), rs.getString("name"), rs.getString("division_code"),
                rs.getString("address"), Arrays.asList((String[]) rs.getArray("phones").getArray()),
                OpeningHours.parseDay(rs.getString("hours")));
    }
}
