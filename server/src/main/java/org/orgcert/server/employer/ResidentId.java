package org.orgcert.server.employer;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * A PRC resident identity card number (GB 11643-1999): 6-digit address code, 8-digit birth date
 * {@code yyyyMMdd}, 3-digit sequence, check character {@code "10X98765432"[Σ mod 11]} (ISO 7064 MOD 11-2).
 * Validated on entry (R-MAT interpretation); a legal representative's or agent's number (R-MAT-1, R-MAT-5).
 *
 * <p>Personal data: {@link #toString()} is {@link #masked()} so the number cannot reach a log or a response
 * by accident; only {@link #value()} gives the digits, for encryption and for printed forms.
 *
 * @param value the 18 characters, check character upper case; the constructor checks form, date and check
 *              character, {@link #parse(String, LocalDate)} also refuses birth dates after today
 */
public record ResidentId(String value) {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final DateTimeFormatter BIRTH_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    /** Nobody alive was born before this; an earlier year is a typing error. */
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    public ResidentId {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Parses user input: surrounding spaces removed, a lower-case {@code x} accepted.
     *
     * @param today the date of entry (Asia/Shanghai); a birth date after it is refused
     * @throws IllegalArgumentException with a sentence saying what is wrong (it never repeats the number)
     */
    public static ResidentId parse(String input, LocalDate today) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("the resident ID number is missing");
        }
        ResidentId id = new ResidentId(input.strip().toUpperCase(Locale.ROOT));
        if (id.birthDate().isAfter(today)) {
            throw new IllegalArgumentException(
                    "the birth date in the resident ID number (characters 7-14) is in the future");
        }
        return id;
    }

    /** The birth date encoded in characters 7-14. */
    public LocalDate birthDate() {
        return LocalDate.parse(value.substring(6, 14), BIRTH_DATE);
    }

    /** The first 6 and last 4 characters, the rest starred: {@code 110105********002X}. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }

    /** Why {@code value} is not a resident ID number, or {@code null}; messages never repeat the digits. */
    private static String problem(String value) {
        if (value == null || value.length() != 18) {
            return "a resident ID number has 18 characters" + (value == null ? "" : "; this one has " + value.length());
        }
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return "characters 1-17 of a resident ID number are digits; character " + (i + 1) + " is not";
            }
        }
        char last = value.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return "the last character of a resident ID number is a digit or X";
        }
        if (value.charAt(0) == '0') {
            return "the address code of a resident ID number (characters 1-6) cannot start with 0";
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(value.substring(6, 14), BIRTH_DATE);
        } catch (DateTimeParseException e) {
            return "the birth date in the resident ID number (characters 7-14, yyyyMMdd) is not a real date";
        }
        if (birth.isBefore(EARLIEST_BIRTH)) {
            return "the birth date in the resident ID number (characters 7-14) is before 1900";
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        if (last != CHECK.charAt(sum % 11)) {
            return "the resident ID number's check character (18th) is wrong: please check it for a typing error";
        }
        return null;
    }
}
