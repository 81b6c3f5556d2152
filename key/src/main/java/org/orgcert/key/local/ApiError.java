package org.orgcert.key.local;

import java.util.Locale;
import java.util.Map;
import org.orgcert.key.KeyAssistantException;
import org.orgcert.key.service.ServiceException;
import org.orgcert.key.signin.SignInException;
import org.orgcert.token.TokenException;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error answer of the local API: {@code {"error": "wrong-pin", "detail": "...", "retriesLeft": 4}}. The
 * {@code error} code is stable for pages to decide on; {@code detail} is a sentence to show. Built from the
 * token's, the assistant's and the service's exceptions, whose messages never hold secrets; anything
 * unforeseen becomes {@code internal} without its message.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String detail;
    private final Map<String, String> properties;
    private final int retriesLeft;

    ApiError(int status, String code, String detail) {
        this(status, code, detail, Map.of(), -1);
    }

    private ApiError(int status, String code, String detail, Map<String, String> properties, int retriesLeft) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.properties = properties;
        this.retriesLeft = retriesLeft;
    }

    static ApiError badRequest(String detail) {
        return new ApiError(400, "bad-request", detail);
    }

    /** A connection of another local OS user ({@link PeerUser}): refused whatever it asks. */
    static ApiError otherUser() {
        return new ApiError(403, "other-user", "This assistant serves only the computer user it runs as.");
    }

    /** The answer for {@code failure}. */
    static ApiError of(Throwable failure) {
        if (failure instanceof ApiError error) {
            return error;
        }
        if (failure instanceof TokenException token) {
            return new ApiError(tokenStatus(token.kind()), kebab(token.kind().name()), token.getMessage(), Map.of(),
                    token.kind() == TokenException.Kind.WRONG_PIN ? token.retriesLeft() : -1);
        }
        if (failure instanceof KeyAssistantException assistant) {
            return new ApiError(assistantStatus(assistant.kind()), assistant.kind().code(), assistant.getMessage());
        }
        if (failure instanceof SignInException signIn) {
            return new ApiError(signInStatus(signIn.reason()), signIn.reason().code(), signIn.getMessage());
        }
        if (failure instanceof ServiceException service) {
            // the service's client errors keep their status; its failures and silence are a bad gateway to the page
            int status = service.status() >= 400 && service.status() < 500 ? service.status() : 502;
            return new ApiError(status, service.code(), service.detail(), service.properties(), -1);
        }
        if (failure instanceof IllegalArgumentException) {
            return badRequest(failure.getMessage());
        }
        return new ApiError(500, "internal", "The assistant failed unexpectedly; see its console.");
    }

    private static int tokenStatus(TokenException.Kind kind) {
        return switch (kind) {
            case WRONG_PIN -> 401;
            case LOCKED -> 423;
            case PIN_POLICY, WRONG_UNBLOCK_RESPONSE, MALFORMED, UNSUPPORTED_ALGORITHM -> 400;
            case UNBLOCK_EXHAUSTED, NO_KEY, CERTIFICATE_MISMATCH -> 409;
            case TAMPERED -> 500;
            case DEVICE -> 503;
        };
    }

    private static int assistantStatus(KeyAssistantException.Kind kind) {
        return switch (kind) {
            case NO_CERTIFICATE, NOT_APPROVED -> 409;
            case BAD_CERTIFICATE -> 400;
            case NO_SUCCESSOR -> 404;
            case UNEXPECTED_CHALLENGE -> 502;
            case NOT_WRITTEN, DEVICE_KEY -> 500;
        };
    }

    private static int signInStatus(SignInException.Reason reason) {
        return switch (reason) {
            case MALFORMED_CHALLENGE, BAD_PLATFORM_NAME -> 400;
            case ORIGIN_MISMATCH -> 403;
            case UNKNOWN_REQUEST -> 404;
            case CERTIFICATE_MISMATCH, STALE_CHALLENGE, NOT_PENDING, NO_PIN_SESSION -> 409;
            case TOO_MANY_PENDING -> 429;
        };
    }

    private static String kebab(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** For a wrong PIN: the tries left; -1 otherwise. */
    int retriesLeft() {
        return retriesLeft;
    }

    /** The service's extra problem properties (e.g. {@code opensOn}). */
    Map<String, String> properties() {
        return properties;
    }

    ObjectNode body() {
        ObjectNode body = Json.object().put("error", code).put("detail", detail);
        if (retriesLeft >= 0) {
            body.put("retriesLeft", retriesLeft);
        }
        properties.forEach(body::put);
        return body;
    }
}
