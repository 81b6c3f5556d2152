package org.orgcert.server.platform;

import java.util.Optional;
import org.orgcert.server.domain.PlainText;

/** One field's problem: its code and the message for an API caller. */
record FieldProblem(PlatformInputProblem code, String message) {
    private static final PlainText ONE_LINE = PlainText.line(Integer.MAX_VALUE);

    static FieldProblem of(PlatformInputProblem code) {
        return new FieldProblem(code, code.message());
    }

    /** Why {@code value} is not one line of plain text of at most {@code max} characters, or empty. */
    static Optional<FieldProblem> text(String value, int max) {
        Optional<String> control = ONE_LINE.problem(value);
        if (control.isPresent()) {
            return Optional.of(new FieldProblem(PlatformInputProblem.NOT_PLAIN_TEXT, control.get()));
        }
        if (value != null && value.length() > max) {
            return Optional.of(new FieldProblem(PlatformInputProblem.TOO_LONG,
                    "has " + value.length() + " characters; at most " + max + " are accepted"));
        }
        return Optional.empty();
    }
}
