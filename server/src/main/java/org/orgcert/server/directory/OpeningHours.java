package org.orgcert.server.directory;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One opening period of a working day, in Kunming local time, e.g. 09:00–12:00. The window is open from
 * {@code opens} (inclusive) to {@code closes} (exclusive): at 12:00 sharp it is closed for lunch.
 *
 * @param opens  when the period starts
 * @param closes when it ends, after {@code opens}
 */
public record OpeningHours(LocalTime opens, LocalTime closes) {
    public OpeningHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a period must close after it opens: " + opens + "-" + closes);
        }
    }

    /** Parses {@code 09:00-12:00}. */
    public static OpeningHours parse(String text) {
        String[] parts = text.trim().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a period like 09:00-12:00");
        }
        try {
            return new OpeningHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a period like 09:00-12:00", e);
        }
    }

    /**
     * Parses a day's periods as the directory writes them, {@code 09:00-12:00;13:00-17:00}: at least one,
     * in order and not overlapping.
     */
    public static List<OpeningHours> parseDay(String text) {
        List<OpeningHours> periods = new ArrayList<>();
        for (String part : text.split(";", -1)) {
            OpeningHours period = parse(part);
            if (!periods.isEmpty() && period.opens().isBefore(periods.get(periods.size() - 1).closes())) {
                throw new IllegalArgumentException("'" + text + "': periods must be in order and not overlap");
            }
            periods.add(period);
        }
        return List.copyOf(periods);
    }

    /** The directory's form of a day's periods, {@code 09:00-12:00;13:00-17:00}. */
    public static String format(List<OpeningHours> day) {
        return String.join(";", day.stream().map(OpeningHours::toString).toList());
    }

    /** True iff {@code time} is in this period. */
    public boolean contains(LocalTime time) {
        return !time.isBefore(opens) && time.isBefore(closes);
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
