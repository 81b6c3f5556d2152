package org.orgcert.server.employer;

import java.util.regex.Pattern;

/**
 * A mainland China mobile number: 11 digits starting {@code 13}–{@code 19}. Personal data:
 * {@link #toString()} is {@link #masked()}; only {@link #value()} gives the digits, for encryption and the
 * blind index.
 *
 * @param value the 11 digits, normalised (no spaces, no country code)
 */
public record MobileNumber(String value) {
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    public MobileNumber {
        if (value == null || !MOBILE.matcher(value).matches()) {
            throw new IllegalArgumentException(problem(value));
        }
    }

    /**
     * Parses user input: spaces and hyphens removed, a {@code +86}/{@code 0086}/{@code 86} prefix dropped,
     * so that one phone always gives the same normalised value (and the same blind index).
     */
    public static MobileNumber parse(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("the mobile number is missing");
        }
        String digits = input.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return new MobileNumber(digits);
    }

    /** The first 3 and last 4 digits, the rest starred: {@code 138****5678}. */
    public String masked() {
        return value.substring(0, 3) + "****" + value.substring(7);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static String problem(String value) {
        if (value == null) {
            return "the mobile number is missing";
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "a mobile number has only digits";
        }
        if (value.length() != 11) {
            return "a mainland mobile number has 11 digits; this one has " + value.length();
        }
        return "a mainland mobile number starts with 13 to 19";
    }
}
