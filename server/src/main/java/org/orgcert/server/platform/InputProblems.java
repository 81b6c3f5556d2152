package org.orgcert.server.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.orgcert.server.domain.Refusal;

/** Collects one problem per field, so an administrator sees every mistake of a form at once. */
final class InputProblems {
    private final Map<String, String> messages = new LinkedHashMap<>();
    private final Map<String, String> codes = new LinkedHashMap<>();

    void add(String field, PlatformInputProblem problem) {
        add(field, problem, problem.message());
    }

    void add(String field, FieldProblem problem) {
        add(field, problem.code(), problem.message());
    }

    void add(String field, PlatformInputProblem problem, String message) {
        if (!messages.containsKey(field)) {
            messages.put(field, message);
            codes.put(field, problem.code());
        }
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Refuses ({@code invalid-input}, a message and a code per field) when there is any problem. */
    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw Refusal.invalidFields("the platform is not valid; nothing was saved", messages)
                    .with("problems", new LinkedHashMap<>(codes));
        }
    }
}
