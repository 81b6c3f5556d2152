package org.orgcert.server.web;

import java.net.URI;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one translation of a domain {@link Refusal} into HTTP: its kind's status and an RFC 9457 problem with
 * the code's stable type ({@code https://orgcert.example/problems/<type>}), the sentence, the field errors
 * ({@code errors}) and the structured properties.
 */
public final class Problems {
    /** Where problem types live; the last path segment is the code's type. */
    public static final String TYPE_BASE = "https://orgcert.example/problems/";

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
}
