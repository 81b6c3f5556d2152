package org.orgcert.server.web;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.orgcert.server.domain.Refusal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Input Spring refuses before a controller runs, answered like a service's refusal ({@link Problems}): a 400
 * problem+json whose {@code errors} name the field — the JSON path ({@code mailingAddress.recipient}) or the
 * parameter — and say what it takes (an enum's values, a number, plain text). Without it an unknown enum value
 * was "Failed to read request" with no field. Ordered ahead of Spring Boot's generic problem handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class InputRefusalAdvice {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException bad && !bad.getPath().isEmpty()) {
            String field = path(bad);
            return Problems.of(Refusal.invalidFields("the body's field " + field + " " + expected(bad),
                    Map.of(field, expected(bad))));
        }
        if (cause instanceof StreamReadException malformed) {
            TokenStreamLocation at = malformed.getLocation();
            return Problems.of(WebRefusal.MALFORMED_JSON.refuse("The body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + malformed.getOriginalMessage()));
        }
        return Problems.of(WebRefusal.UNREADABLE_BODY.refuse("The body cannot be read"
                + (cause instanceof JacksonException j ? ": " + j.getOriginalMessage() : "; send it as the"
                        + " endpoint's media type says (JSON unless it says otherwise)")));
    }

    /** A query or path parameter of the wrong type, e.g. an unknown enum value. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        String expected = expected(e.getRequiredType());
        return Problems.of(Refusal.invalidFields("the parameter " + e.getName() + " " + expected,
                Map.of(e.getName(), expected)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return Problems.of(Refusal.invalidFields("the parameter " + e.getParameterName() + " is required",
                Map.of(e.getParameterName(), "required")));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ProblemDetail missingPart(MissingServletRequestPartException e) {
        return Problems.of(Refusal.invalidFields("the part " + e.getRequestPartName() + " is required",
                Map.of(e.getRequestPartName(), "required")));
    }

    /**
     * Tomcat refuses a NUL in an uploaded file's name while it parses the whole multipart body, before any part
     * is known by name: the field named is the header parameter {@code filename} (other control characters in a
     * file name are refused by {@link RequestTextCheck}, which names the part).
     */
    @ExceptionHandler(InvalidFileNameException.class)
    ProblemDetail invalidFileName(InvalidFileNameException e) {
        String problem = "the name of an uploaded file contains a NUL character; rename the file";
        return Problems.of(Refusal.invalidFields(problem, Map.of("filename", problem)));
    }

    /** {@code a.b[2].c}: where in the body the problem is. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(DatabindException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            return invalid.getOriginalMessage(); // PlainTextDeserializer's reason
        }
        return e instanceof MismatchedInputException mismatched ? expected(mismatched.getTargetType())
                : "cannot be read: " + e.getOriginalMessage();
    }

    /** What a value of {@code type} looks like, in words an API caller can act on. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be text";
        }
        if (type == UUID.class) {
            return "must be an id like 123e4567-e89b-12d3-a456-426614174000";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a date or time in ISO 8601 form, like 2026-06-15 or 2026-06-15T02:00:00Z";
        }
        return "must be a " + type.getSimpleName();
    }
}
