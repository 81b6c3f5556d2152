package org.orgcert.server.domain;

import java.util.Map;
import java.util.Optional;

/**
 * What text a person may type: printable characters, line breaks only where a field has several lines, and not
 * more than a field's length. PostgreSQL refuses a NUL in a text column, and other control characters have no
 * business in a name, an address or a remark (they hide text on pages, break CSV exports and printed forms), so
 * every place where request text enters the service checks it: JSON bodies and request parameters at the web
 * edge (all text, several lines allowed), CSV imports and the services' own field checks (each field with its
 * own kind).
 *
 * @param maxLength  at most this many characters (UTF-16 code units, as a database column and a page count them)
 * @param lineBreaks whether line feed, carriage return and tab are allowed
 */
public record PlainText(int maxLength, boolean lineBreaks) {

    /** Any text that may come in a request: several lines, no length of its own (fields check theirs). */
    public static final PlainText ANY = new PlainText(Integer.MAX_VALUE, true);

    /** One line of at most {@code maxLength} characters: a name, a reference, a CSV field. */
    public static PlainText line(int maxLength) {
        return new PlainText(maxLength, false);
    }

    /** Several lines of at most {@code maxLength} characters: a reason, a remark. */
    public static PlainText lines(int maxLength) {
        return new PlainText(maxLength, true);
    }

    /** Why {@code value} is not such text, as a phrase for an API caller; empty when it is (or is null). */
    public Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                return Optional.of(String.format("contains the control character U+%04X at position %d; only"
                        + " printable text%s is accepted", (int) c, i + 1, lineBreaks ? " and line breaks" : ""));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains half of a character (an unpaired surrogate) at position " + (i + 1));
            }
        }
        if (value.length() > maxLength) {
            return Optional.of("has " + value.length() + " characters; at most " + maxLength + " are accepted");
        }
        return Optional.empty();
    }

    /** Puts {@code field}'s problem into {@code problems} (keeping an earlier one); true when there was none. */
    public boolean check(String field, String value, Map<String, String> problems) {
        Optional<String> problem = problem(value);
        problem.ifPresent(p -> problems.putIfAbsent(field, p));
        return problem.isEmpty();
    }

    /**
     * Returns {@code value}, or refuses it ({@link CommonRefusal#INVALID_INPUT}, naming {@code field}).
     *
     * @throws Refusal when {@code value} is not such text
     */
    public String require(String field, String value) {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw Refusal.invalidFields(field + " " + problem.get(), Map.of(field, problem.get()));
        }
        return value;
    }
}
