package org.orgcert.server.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The PRC working-day calendar (R-CH-2, R-CH-4 "3 working days"; R-CH-8 interpretation): statutory
 * holidays and the weekend make-up working days (调休), one State Council notice per year.
 *
 * <p>A day is a working day iff its year's notice lists it with {@code isOffDay:false}, or it is Monday to
 * Friday and not listed with {@code isOffDay:true}. A question about a date in a year without a notice
 * throws {@link CalendarYearMissingException}: never a guess.
 *
 * <p>Immutable and usable without Spring; dates are {@code Asia/Shanghai} local dates ({@link ShanghaiTime}).
 * The service's current calendar, which an administrator can extend, is the {@link CalendarService} bean.
 */
public final class WorkingDayCalendar {
    /** Bundled years are probed in this range; the data starts in 2022. */
    private static final int FIRST_BUNDLED_PROBE = 2000;
    private static final int LAST_BUNDLED_PROBE = 2100;

    private final SortedMap<Year, CalendarYear> years;
    /** Every listed date of every notice; a date's year decides coverage, not the notice that lists it. */
    private final Map<LocalDate, CalendarDay> listed = new HashMap<>();

    private WorkingDayCalendar(SortedMap<Year, CalendarYear> years) {
        if (years.isEmpty()) {
            throw new IllegalArgumentException("a working-day calendar needs at least one year");
        }
        this.years = Collections.unmodifiableSortedMap(years);
        // In year order, so a newer notice's word on a date (2022-12-31 in the 2023 notice) wins.
        for (CalendarYear year : years.values()) {
            listed.putAll(year.days());
        }
    }

    /** A calendar of these years; a later entry for the same year replaces an earlier one. */
    public static WorkingDayCalendar of(Collection<CalendarYear> years) {
        SortedMap<Year, CalendarYear> map = new TreeMap<>();
        for (CalendarYear year : years) {
            map.put(year.year(), year);
        }
        return new WorkingDayCalendar(map);
    }

    /** The calendar of the years shipped in {@code classpath:calendar/<year>.json} (2022–2026 at first). */
    public static WorkingDayCalendar bundled() {
        return of(bundledYears());
    }

    /**
     * Reads every {@code calendar/<year>.json} on the class path. Probing a range of names instead of
     * listing the folder works the same from a folder and from the service's jar.
     */
    static List<CalendarYear> bundledYears() {
        List<CalendarYear> found = new ArrayList<>();
        ClassLoader loader = WorkingDayCalendar.class.getClassLoader();
        for (int y = FIRST_BUNDLED_PROBE; y <= LAST_BUNDLED_PROBE; y++) {
            try (InputStream in = loader.getResourceAsStream("calendar/" + y + ".json")) {
                if (in != null) {
                    found.add(CalendarYear.parse(Year.of(y), in.readAllBytes()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled calendar for " + y, e);
            }
        }
        return found;
    }

    /** This calendar with {@code year} added, or replacing the data it had for that year. */
    public WorkingDayCalendar withYear(CalendarYear year) {
        SortedMap<Year, CalendarYear> copy = new TreeMap<>(years);
        copy.put(year.year(), year);
        return new WorkingDayCalendar(copy);
    }

    /** True iff Kunming's offices work on {@code date}. */
    public boolean isWorkingDay(LocalDate date) {
        Optional<CalendarDay> listedAs = listedDay(date);
        if (listedAs.isPresent()) {
            return !listedAs.get().offDay();
        }
        DayOfWeek weekday = date.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /**
     * The date by which something due "within {@code n} working days" of {@code start} must be done: the
     * {@code n}-th working day <em>after</em> {@code start}. {@code start} itself never counts, even when it
     * is a working day (the day the application was approved is not a production day); counting starts on
     * the next working day. {@code n = 0} gives {@code start}.
     *
     * <p>Example (R-CH-2): approved Tuesday 2025-09-30, 3 working days: Oct 1–8 are National Day holidays,
     * so the days are Thu Oct 9, Fri Oct 10 and the make-up Saturday Oct 11, which is the due date.
     *
     * @throws CalendarYearMissingException if a day to be counted lies in a year without data
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * The number of working days {@code d} with {@code from < d <= to}: the inverse of
     * {@link #addWorkingDays}, so {@code workingDaysBetween(s, addWorkingDays(s, n)) == n}.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public long workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(to + " is before " + from);
        }
        long count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * {@code start} plus {@code n} calendar days (R-CH-5..7 count natural days: day 16 after submission is
     * {@code addNaturalDays(submitted, 16)}). Needs no holiday data, so it never throws for a missing year.
     */
    public LocalDate addNaturalDays(LocalDate start, int n) {
        return start.plusDays(n);
    }

    /**
     * The holiday {@code date} is a day off for (e.g. {@code 春节}), or empty for an ordinary day, a weekend
     * and a make-up working day.
     */
    public Optional<String> holidayName(LocalDate date) {
        return listedDay(date).filter(CalendarDay::offDay).map(CalendarDay::name);
    }

    /** The listed entry for {@code date}: a holiday or a make-up working day; empty for an ordinary day. */
    public Optional<CalendarDay> listedDay(LocalDate date) {
        requireCovered(date);
        return Optional.ofNullable(listed.get(date));
    }

    /** The last year with data; dates after it throw {@link CalendarYearMissingException}. */
    public Year lastYearCovered() {
        return years.lastKey();
    }

    /** Every year with data, in order. */
    public SortedSet<Year> yearsCovered() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(years.keySet()));
    }

    /** True iff {@code year} has data. */
    public boolean covers(Year year) {
        return years.containsKey(year);
    }

    /** The data of {@code year}, if the calendar has it. */
    public Optional<CalendarYear> year(Year year) {
        return Optional.ofNullable(years.get(year));
    }

    private void requireCovered(LocalDate date) {
        Year year = Year.of(date.getYear());
        if (!years.containsKey(year)) {
            throw new CalendarYearMissingException(year);
        }
    }
}
