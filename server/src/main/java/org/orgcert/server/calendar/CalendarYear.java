package org.orgcert.server.calendar;

import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.orgcert.server.domain.PlainText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One year of the PRC working-day calendar as published by the State Council General Office: the dates
 * that differ from the ordinary Monday–Friday week. Parsed from the holiday-cn JSON format
 * ({@code {"year": 2025, "papers": [...], "days": [{"name", "date", "isOffDay"}]}}).
 *
 * <p>A notice may list the last days of the year before when the New Year holiday starts then: the
 * notice for 2023 gives 2022-12-31 off. So a year's dates are those of the year itself and of
 * {@link #accepts the last week before it}; the newer notice wins where two list the same date.
 *
 * @param year   the year
 * @param papers the notices the data comes from (may be empty)
 * @param days   the listed dates, in date order
 */
public record CalendarYear(Year year, List<String> papers, SortedMap<LocalDate, CalendarDay> days) {
    /** A notice lists about 40 dates; a much larger body is not a calendar. */
    static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_DAYS = 366;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public CalendarYear {
        Objects.requireNonNull(year, "year");
        papers = List.copyOf(papers);
        days = Collections.unmodifiableSortedMap(new TreeMap<>(days));
        for (LocalDate date : days.keySet()) {
            if (!accepts(year, date)) {
                throw new IllegalArgumentException(date + " is not in " + year);
            }
        }
    }

    /** True iff the notice for {@code year} may list {@code date}: in the year, or from Dec 25 before it. */
    public static boolean accepts(Year year, LocalDate date) {
        return date.getYear() == year.getValue()
                || !date.isBefore(year.atDay(1).minusDays(7)) && date.isBefore(year.atDay(1));
    }

    /** The listed entry for {@code date}, if the notice names it. */
    public Optional<CalendarDay> day(LocalDate date) {
        return Optional.ofNullable(days.get(date));
    }

    /**
     * Reads and checks a year document: it must be one JSON object whose {@code year} is {@code expected},
     * with a non-empty {@code days} array of objects, each with a {@code date} (ISO, inside the year or the
     * week before it, not repeated), a boolean {@code isOffDay} and a string {@code name}.
     *
     * @throws CalendarYearInvalidException with every problem found, by JSON location
     */
    public static CalendarYear parse(Year expected, byte[] json) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (json.length > MAX_BYTES) {
            errors.put("body", "is " + json.length + " bytes; a calendar year is at most " + MAX_BYTES);
            throw new CalendarYearInvalidException(expected, errors);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            errors.put("body", "is not JSON: " + e.getOriginalMessage());
            throw new CalendarYearInvalidException(expected, errors);
        }
        if (root == null || !root.isObject()) {
            errors.put("body", "must be a JSON object");
            throw new CalendarYearInvalidException(expected, errors);
        }
        JsonNode year = root.get("year");
        if (year == null || !year.isIntegralNumber() || !year.canConvertToInt()) {
            errors.put("year", "must be a whole number");
        } else if (year.intValue() != expected.getValue()) {
            errors.put("year", "is " + year.intValue() + " but the document is loaded as " + expected);
        }
        List<String> papers = new ArrayList<>();
        JsonNode paperList = root.get("papers");
        if (paperList != null && !paperList.isNull()) {
            if (!paperList.isArray()) {
                errors.put("papers", "must be an array of strings");
            } else {
                for (int i = 0; i < paperList.size(); i++) {
                    if (paperList.get(i).isString()) {
                        papers.add(paperList.get(i).stringValue());
                    } else {
                        errors.put("papers[" + i + "]", "must be a string");
                    }
                }
            }
        }
        SortedMap<LocalDate, CalendarDay> days = new TreeMap<>();
        JsonNode dayList = root.get("days");
        if (dayList == null || !dayList.isArray() || dayList.isEmpty()) {
            // Every notice names at least New Year's Day; an empty list is a mistake, not a year without holidays.
            errors.put("days", "must be a non-empty array");
        } else if (dayList.size() > MAX_DAYS) {
            errors.put("days", "has " + dayList.size() + " entries; a year has at most " + MAX_DAYS);
        } else {
            for (int i = 0; i < dayList.size(); i++) {
                readDay(expected, dayList.get(i), "days[" + i + "]", days, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new CalendarYearInvalidException(expected, errors);
        }
        return new CalendarYear(expected, papers, days);
    }

    private static void readDay(Year expected, JsonNode node, String at, SortedMap<LocalDate, CalendarDay> days,
            Map<String, String> errors) {
        if (!node.isObject()) {
            errors.put(at, "must be an object with date, name and isOffDay");
            return;
        }
        LocalDate date = null;
        JsonNode dateNode = node.get("date");
        if (dateNode == null || !dateNode.isString()) {
            errors.put(at + ".date", "must be a date like 2027-01-01");
        } else {
            try {
                date = LocalDate.parse(dateNode.stringValue());
                if (!accepts(expected, date)) {
                    errors.put(at + ".date", date + " is not in " + expected
                            + " (nor in the New Year week before it)");
                    date = null;
                } else if (days.containsKey(date)) {
                    errors.put(at + ".date", date + " is listed twice");
                    date = null;
                }
            } catch (DateTimeParseException e) {
                errors.put(at + ".date", "'" + dateNode.stringValue() + "' is not a date like 2027-01-01");
            }
        }
        JsonNode offDay = node.get("isOffDay");
        if (offDay == null || !offDay.isBoolean()) {
            errors.put(at + ".isOffDay", "must be true (holiday) or false (make-up working day)");
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isString() || name.stringValue().isBlank()) {
            errors.put(at + ".name", "must name the holiday");
        } else {
            // Read by its own mapper, so the web edge's plain-text check of JSON strings does not apply.
            PlainText.line(100).check(at + ".name", name.stringValue(), errors);
        }
        if (date != null && offDay != null && offDay.isBoolean() && name != null && name.isString()) {
            days.put(date, new CalendarDay(date, name.stringValue(), offDay.booleanValue()));
        }
    }
}
