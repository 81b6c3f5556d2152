package org.orgcert.server.calendar;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The service's working-day calendar: the bundled notices plus the years an administrator loaded (table
 * {@code calendar_year}, which wins for a year in both). Other capabilities ask this bean for due dates
 * (R-CH-2, R-CH-4) and read today from it, so every deadline is an {@code Asia/Shanghai} date.
 *
 * <p>The rules are in {@link WorkingDayCalendar}; this bean holds the current immutable calendar and swaps
 * it only after a load has committed. When a question hits a missing year, or the status is WARN, it
 * checks the table for years it has not seen, so a year loaded through another node of the service is
 * found without a restart.
 */
@Service
public class CalendarService {
    private static final Logger LOG = LoggerFactory.getLogger(CalendarService.class);

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicReference<WorkingDayCalendar> current = new AtomicReference<>();

    public CalendarService(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        reload();
        CalendarStatus status = status();
        if (status.level() == CalendarStatus.Level.WARN) {
            LOG.warn("calendar: {}", status.message());
        } else {
            LOG.info("calendar: {}", status.message());
        }
    }

    /** The calendar as it is now: an immutable snapshot, for many questions that must agree. */
    public WorkingDayCalendar current() {
        return current.get();
    }

    /** Today in Kunming by the service's clock. */
    public LocalDate today() {
        return ShanghaiTime.today(clock);
    }

    /** See {@link WorkingDayCalendar#isWorkingDay}. */
    public boolean isWorkingDay(LocalDate date) {
        return ask(c -> c.isWorkingDay(date));
    }

    /** See {@link WorkingDayCalendar#addWorkingDays}: the n-th working day after {@code start}. */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        return ask(c -> c.addWorkingDays(start, n));
    }

    /** See {@link WorkingDayCalendar#workingDaysBetween}. */
    public long workingDaysBetween(LocalDate from, LocalDate to) {
        return ask(c -> c.workingDaysBetween(from, to));
    }

    /** See {@link WorkingDayCalendar#addNaturalDays}. */
    public LocalDate addNaturalDays(LocalDate start, int n) {
        return current().addNaturalDays(start, n);
    }

    /** See {@link WorkingDayCalendar#holidayName}. */
    public Optional<String> holidayName(LocalDate date) {
        return ask(c -> c.holidayName(date));
    }

    /** See {@link WorkingDayCalendar#lastYearCovered}. */
    public Year lastYearCovered() {
        return current().lastYearCovered();
    }

    /** Whether the data reaches far enough past today (WARN within 60 days of its end). */
    public CalendarStatus status() {
        CalendarStatus status = CalendarStatus.of(current(), today());
        if (status.level() == CalendarStatus.Level.WARN && reloadIfTableHasMore()) {
            status = CalendarStatus.of(current(), today());
        }
        return status;
    }

    /** Every covered year, and whether an administrator loaded it, oldest first. */
    public List<CoveredYear> coveredYears() {
        Map<Integer, Instant> loaded = new TreeMap<>();
        jdbc.query("SELECT year, loaded_at FROM calendar_year",
                rs -> {
                    loaded.put(rs.getInt(1), rs.getTimestamp(2).toInstant());
                });
        WorkingDayCalendar calendar = current();
        List<CoveredYear> years = new ArrayList<>();
        for (Year year : calendar.yearsCovered()) {
            CalendarYear data = calendar.year(year).orElseThrow();
            Instant loadedAt = loaded.get(year.getValue());
            years.add(new CoveredYear(year.getValue(), data.days().size(), loadedAt == null ? "bundled" : "loaded",
                    loadedAt));
        }
        return years;
    }

    /**
     * Loads (or replaces) the notice of {@code year} from a holiday-cn JSON document, stores it and audits
     * {@code calendar.year-loaded}. The document is checked completely first; a refusal changes nothing.
     *
     * <p>Only an administrator may call this; the role check arrives with the account capability, until
     * then the caller passes the actor it acts for.
     *
     * @throws Refusal 400 {@code invalid-input} with an error per JSON location
     */
    @Transactional
    public CalendarYear loadYear(Year year, byte[] json, String actor) {
        CalendarYear data;
        try {
            data = CalendarYear.parse(year, json);
        } catch (CalendarYearInvalidException e) {
            throw Refusal.invalidFields("The calendar for " + year + " was refused; nothing was stored.",
                    e.errors());
        }
        jdbc.update("INSERT INTO calendar_year (year, document, day_count, loaded_at, loaded_by)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET document = EXCLUDED.document,"
                + " day_count = EXCLUDED.day_count, loaded_at = EXCLUDED.loaded_at, loaded_by = EXCLUDED.loaded_by",
                year.getValue(), new String(json, StandardCharsets.UTF_8), data.days().size(),
                Timestamp.from(clock.instant()), actor);
        audit.record(new AuditEntry(actor, "calendar.year-loaded", "calendar", year.toString(),
                data.days().size() + " days"));
        // Questions see the new year only once it is committed: a rollback must not leave it in memory.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                current.updateAndGet(c -> c.withYear(data));
            }
        });
        return data;
    }

    /** Rebuilds the calendar from the bundled files and the table. */
    void reload() {
        List<CalendarYear> years = new ArrayList<>(WorkingDayCalendar.bundledYears());
        jdbc.query("SELECT year, document FROM calendar_year ORDER BY year", rs -> {
            years.add(CalendarYear.parse(Year.of(rs.getInt(1)), rs.getString(2).getBytes(StandardCharsets.UTF_8)));
        });
        current.set(WorkingDayCalendar.of(years));
    }

    private <T> T ask(Function<WorkingDayCalendar, T> question) {
        try {
            return question.apply(current());
        } catch (CalendarYearMissingException e) {
            if (!reloadIfTableHasMore()) {
                throw e;
            }
            return question.apply(current());
        }
    }

    /** Reloads when the table holds a year this node has not seen (loaded through another node). */
    private boolean reloadIfTableHasMore() {
        WorkingDayCalendar calendar = current();
        List<Integer> stored = jdbc.queryForList("SELECT year FROM calendar_year", Integer.class);
        if (stored.stream().allMatch(year -> calendar.covers(Year.of(year)))) {
            return false;
        }
        reload();
        return true;
    }

    /**
     * A year the calendar covers.
     *
     * @param year       the year
     * @param listedDays how many dates its notice lists
     * @param source     {@code bundled} (shipped with the service) or {@code loaded} (by an administrator)
     * @param loadedAt   when it was loaded; null for a bundled year
     */
    public record CoveredYear(int year, int listedDays, String source, Instant loadedAt) {
    }
}
