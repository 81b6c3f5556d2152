package org.orgcert.server.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a platform's fields as typed: each returns the value to store (stripped, in a fixed order) or
 * null, recording its problem in {@link InputProblems} under the field's name ({@code redirectUris[1]} for the
 * second address, as a JSON path names it).
 */
final class PlatformInput {
    static final int MAX_NAME = 100;
    static final int MAX_URIS = 10;

    private PlatformInput() {
    }

    static String clientId(String value, InputProblems problems) {
        if (value == null || value.isBlank()) {
            problems.add("clientId", PlatformInputProblem.REQUIRED);
            return null;
        }
        if (!value.matches("[a-z0-9-]{3,40}")) {
            problems.add("clientId", PlatformInputProblem.CLIENT_ID_FORMAT);
            return null;
        }
        return value;
    }

    static String name(String value, InputProblems problems) {
        Optional<FieldProblem> text = FieldProblem.text(value, MAX_NAME);
        if (text.isPresent()) {
            problems.add("name", text.get());
            return null;
        }
        if (value == null || value.isBlank()) {
            problems.add("name", PlatformInputProblem.REQUIRED);
            return null;
        }
        return value.strip();
    }

    /** A list of addresses, each checked ({@link PlatformUris}); blank entries dropped, repeated ones kept once. */
    static List<String> uris(String field, List<String> values, boolean required, InputProblems problems) {
        Set<String> kept = new LinkedHashSet<>();
        List<String> given = values == null ? List.of() : values;
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i);
            if (value == null || value.isBlank()) {
                continue;
            }
            String stripped = value.strip();
            Optional<FieldProblem> problem = PlatformUris.problem(stripped);
            if (problem.isPresent()) {
                problems.add(field + "[" + i + "]", problem.get());
            } else {
                kept.add(stripped);
            }
        }
        if (required && kept.isEmpty() && given.stream().allMatch(v -> v == null || v.isBlank())) {
            problems.add(field, PlatformInputProblem.REQUIRED, "at least one address is required");
        }
        if (kept.size() > MAX_URIS) {
            problems.add(field, PlatformInputProblem.TOO_MANY);
        }
        return new ArrayList<>(kept);
    }

    /** One optional address: null or blank is none. */
    static String uri(String field, String value, InputProblems problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        Optional<FieldProblem> problem = PlatformUris.problem(stripped);
        problem.ifPresent(p -> problems.add(field, p));
        return problem.isPresent() ? null : stripped;
    }

    /** The scopes in {@link RelyingPlatform#SCOPES}' order; {@code openid} is required. */
    static List<String> scopes(List<String> values, InputProblems problems) {
        List<String> given = values == null ? List.of() : values;
        boolean known = true;
        for (int i = 0; i < given.size(); i++) {
            String scope = given.get(i) == null ? "" : given.get(i).strip();
            if (!RelyingPlatform.SCOPES.contains(scope)) {
                problems.add("scopes[" + i + "]", PlatformInputProblem.SCOPE_UNKNOWN);
                known = false;
            }
        }
        List<String> scopes = RelyingPlatform.SCOPES.stream()
                .filter(s -> given.stream().anyMatch(g -> g != null && g.strip().equals(s))).toList();
        if (known && !scopes.contains("openid")) {
            problems.add("scopes", PlatformInputProblem.OPENID_REQUIRED);
        }
        return scopes;
    }

    static ClientAuthentication authentication(String value, InputProblems problems) {
        if (value == null || value.isBlank()) {
            problems.add("clientAuthentication", PlatformInputProblem.REQUIRED);
            return null;
        }
        Optional<ClientAuthentication> method = ClientAuthentication.of(value.strip());
        if (method.isEmpty()) {
            problems.add("clientAuthentication", PlatformInputProblem.AUTHENTICATION_UNKNOWN);
        }
        return method.orElse(null);
    }
}
