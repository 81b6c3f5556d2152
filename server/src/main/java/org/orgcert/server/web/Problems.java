package org.orgcert.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one translation of a domain {@link Refusal} into HTTP: its kind's status and an RFC 9457 problem with
 * the code's stable type ({@code https://orgcert.example/problems/<type>}), the sentence, the field errors
 * ({@code errors}) and the structured properties.
 */
public final class Problems {
    /** Where problem types live; the last path segment is the code's type. */
    public static final String TYPE_BASE = "https://orgcert.example/problems/";
    /** Where programs, not people, send requests (and the error dispatch, when its origin is unknown). */
    private static final List<String> PROGRAM_PATHS = List.of("/api/", "/status/", "/actuator", "/v3/api-docs",
            "/error");

    private Problems() {
    }

    /** The HTTP status of a refusal of {@code kind}. */
    public static HttpStatus status(RefusalKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The problem+json body of {@code refusal}. */
    public static ProblemDetail of(Refusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(refusal.kind()), refusal.detail());
        problem.setType(URI.create(TYPE_BASE + refusal.type()));
        problem.setTitle(refusal.type().replace('-', ' '));
        if (!refusal.fieldErrors().isEmpty()) {
            problem.setProperty("errors", refusal.fieldErrors());
        }
        refusal.properties().forEach(problem::setProperty);
        return problem;
    }

    /**
     * True when an answer for {@code path} is for a program (problem+json): the API, the status services,
     * actuator and OpenAPI, and a path not known at all (Tomcat could not read the request line); false for the
     * portal's pages, which a person reads.
     */
    public static boolean forPrograms(String path) {
        return path == null || path.isEmpty() || PROGRAM_PATHS.stream().anyMatch(path::startsWith);
    }

    /**
     * Writes {@code problem} as the response, for places outside Spring MVC's message converters (the firewall's
     * refusal, the error dispatch, Tomcat's own refusals).
     */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json(problem));
    }

    /** The problem's JSON, with its properties at the top level as RFC 9457 has them. */
    static byte[] json(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return JsonMapper.shared().writeValueAsBytes(body);
    }
}
