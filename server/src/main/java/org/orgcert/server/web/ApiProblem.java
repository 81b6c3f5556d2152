package org.orgcert.server.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal the caller can act on, answered as RFC 9457 {@code application/problem+json}: a status, a
 * stable problem type (e.g. {@code invalid-uscc}), a sentence for a person and, for form input, the field
 * errors. Thrown before anything is changed, or inside the transaction that it then rolls back.
 */
public class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, String type, String detail, Map<String, String> fieldErrors) {
        super(status, problem(status, type, detail, fieldErrors), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail, Map<String, String> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://orgcert.example/problems/" + type));
        problem.setTitle(type.replace('-', ' '));
        if (fields != null && !fields.isEmpty()) {
            problem.setProperty("errors", fields);
        }
        return problem;
    }

    /** Adds a property to the problem body (e.g. {@code opensOn} for a renewal asked too early); returns this. */
    public ApiProblem with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }

    /** 400: the input is not acceptable, e.g. a USCC with a wrong check character. */
    public static ApiProblem badRequest(String type, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, type, detail, null);
    }

    /** 400 with the message for each offending field. */
    public static ApiProblem invalidFields(String detail, Map<String, String> fieldErrors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-input", detail, fieldErrors);
    }

    /** 401: not signed in, or the sign-in failed (e.g. a wrong one-time code). */
    public static ApiProblem unauthorized(String type, String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, type, detail, null);
    }

    /** 429: too many requests of this kind, e.g. one-time codes for one mobile number. */
    public static ApiProblem tooManyRequests(String type, String detail) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, type, detail, null);
    }

    /** 403: the actor may not touch this, e.g. a clerk of another window. */
    public static ApiProblem forbidden(String type, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, type, detail, null);
    }

    /** 404: no such thing (or not visible to this actor). */
    public static ApiProblem notFound(String type, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, type, detail, null);
    }

    /** 413: the upload is larger than allowed. */
    public static ApiProblem payloadTooLarge(String type, String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, type, detail, null);
    }

    /** 415: the content is not of an accepted type. */
    public static ApiProblem unsupportedMediaType(String type, String detail) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, type, detail, null);
    }

    /** 409: the request does not fit the current state, e.g. a transition out of order. */
    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, type, detail, null);
    }

    /** The stable problem type, e.g. {@code invalid-uscc}. */
    public String type() {
        String path = getBody().getType().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
