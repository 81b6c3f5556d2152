package org.orgcert.server.employer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.orgcert.pki.PkiException;
import org.orgcert.server.domain.Refusal;

/** Collects one message per form field, so a person sees every mistake at once, not one per attempt. */
final class FieldErrors {
    private final Map<String, String> errors = new LinkedHashMap<>();

    /** The value {@code parse} gives, or {@code null} with its message recorded under {@code field}. */
    <T> T check(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | PkiException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    /** A required text of at most {@code max} characters, stripped; {@code null} (recorded) otherwise. */
    String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "this field is required");
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            add(field, "at most " + max + " characters");
            return null;
        }
        return stripped;
    }

    void add(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    /** Throws 400 {@code invalid-input} with every message, if there is any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields("some fields are missing or wrong; nothing was saved", Map.copyOf(errors));
        }
    }
}
