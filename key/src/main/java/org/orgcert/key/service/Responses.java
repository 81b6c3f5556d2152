package org.orgcert.key.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orgcert.token.TokenException;
import org.orgcert.token.UnblockResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the service's JSON bodies into records, and error bodies (RFC 9457 problem+json) into
 * {@link ServiceException}s. Every field the API promises is checked; anything else is
 * {@link ServiceException#UNEXPECTED}, never a {@code NullPointerException} later.
 */
final class Responses {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEM_PREFIX = "https://orgcert.example/problems/";
    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance");

    private Responses() {
    }

    static RenewalChallenge renewalChallenge(int status, byte[] body) {
        JsonNode json = object(status, body);
        return new RenewalChallenge(text(status, json, "serial"), text(status, json, "nonce"),
                instant(status, json, "expiresAt"), base64(status, json, "toBeSigned"));
    }

    static RenewedCertificate renewed(int status, byte[] body) {
        JsonNode json = object(status, body);
        JsonNode fee = json.path("fee");
        if (!fee.isObject() || !fee.path("payableFen").isIntegralNumber()) {
            throw ServiceException.unexpected(status, "The service's renewal answer has no fee.");
        }
        return new RenewedCertificate(text(status, json, "applicationId"),
                status == 202 ? null : certificate(status, json),
                new Fee(fee.path("payableFen").asLong(), text(status, fee, "rule")));
    }

    static Successor successor(int status, byte[] body) {
        JsonNode json = object(status, body);
        String reason = text(status, json, "reason");
        try {
            return new Successor(certificate(status, json), Successor.Reason.valueOf(reason));
        } catch (IllegalArgumentException e) {
            throw ServiceException.unexpected(status, "The service gave an unknown successor reason.");
        }
    }

    static UnlockRequest unlockRequest(int status, byte[] body) {
        JsonNode json = object(status, body);
        UnlockRequest.State state;
        try {
            state = UnlockRequest.State.valueOf(text(status, json, "state"));
        } catch (IllegalArgumentException e) {
            throw ServiceException.unexpected(status, "The service gave an unknown unlock request state.");
        }
        String reason = json.path("reason").isString() ? json.path("reason").asString() : null;
        return new UnlockRequest(text(status, json, "id"), text(status, json, "tokenSerial"), state, reason);
    }

    /** The unblock response the service gave the filing assistant for its secret. */
    static UnblockResponse unblockResponse(int status, byte[] body) {
        JsonNode json = object(status, body);
        try {
            return UnblockResponse.parse(text(status, json, "response"));
        } catch (TokenException e) {
            // never quote the text: it is a one-time secret
            throw ServiceException.unexpected(status, "The service's unblock response is not readable.");
        }
    }

    static Revocation revocation(int status, byte[] body) {
        JsonNode json = object(status, body);
        return new Revocation(text(status, json, "serial"), text(status, json, "state"), text(status, json, "reason"),
                instant(status, json, "revokedAt"));
    }

    /** The most origins taken from one list: a provider lists its platforms, not the web. */
    static final int MAX_ORIGINS = 1000;

    /** {@code {"origins": ["https://...", ...]}}: the origins as text, checked by the caller. */
    static java.util.List<String> origins(int status, byte[] body) {
        JsonNode origins = object(status, body).path("origins");
        if (!origins.isArray() || origins.size() > MAX_ORIGINS) {
            throw ServiceException.unexpected(status, "The service's origin list has no \"origins\" array (or more"
                    + " than " + MAX_ORIGINS + ").");
        }
        java.util.List<String> list = new java.util.ArrayList<>();
        for (JsonNode origin : origins) {
            if (!origin.isString()) {
                throw ServiceException.unexpected(status, "The service's origin list holds something other than text.");
            }
            list.add(origin.asString());
        }
        return java.util.List.copyOf(list);
    }

    /**
     * The exception for an error answer: a problem body's code, detail and extra properties, or
     * {@code http-<status>} with a generic sentence when the body is not a problem.
     */
    static ServiceException problem(int status, byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.path("type").isString()) {
            return new ServiceException(status, "http-" + status, "The service answered with HTTP status " + status
                    + ".", Map.of(), null);
        }
        String type = json.path("type").asString();
        String code = type.startsWith(PROBLEM_PREFIX) ? type.substring(PROBLEM_PREFIX.length())
                : type.substring(type.lastIndexOf('/') + 1);
        if (code.isBlank()) {
            code = "http-" + status;
        }
        String detail = json.path("detail").isString() ? json.path("detail").asString()
                : json.path("title").isString() ? json.path("title").asString()
                : "The service answered with HTTP status " + status + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            JsonNode value = property.getValue();
            if (!STANDARD.contains(property.getKey())
                    && (value.isString() || value.isNumber() || value.isBoolean())) {
                properties.put(property.getKey(), value.asString());
            }
        }
        return new ServiceException(status, code.toLowerCase(Locale.ROOT), detail, properties, null);
    }

    private static IssuedCertificate certificate(int status, JsonNode json) {
        return new IssuedCertificate(text(status, json, "serial"), base64(status, json, "certificate"),
                instant(status, json, "notBefore"), instant(status, json, "notAfter"));
    }

    private static JsonNode object(int status, byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            // reported below, without the parser's message (it quotes the body)
        }
        throw ServiceException.unexpected(status, "The service's answer is not a JSON object.");
    }

    private static String text(int status, JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw ServiceException.unexpected(status, "The service's answer lacks \"" + field + "\".");
        }
        return value.asString();
    }

    private static byte[] base64(int status, JsonNode json, String field) {
        try {
            return Base64.getDecoder().decode(text(status, json, field).strip());
        } catch (IllegalArgumentException e) {
            throw ServiceException.unexpected(status, "The service's \"" + field + "\" is not base64.");
        }
    }

    /** ISO-8601 text (the service's format), or epoch seconds as Jackson writes timestamps. */
    private static Instant instant(int status, JsonNode json, String field) {
        JsonNode value = json.path(field);
        try {
            if (value.isNumber()) {
                BigDecimal seconds = value.decimalValue();
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
            }
            String text = text(status, json, field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ServiceException.unexpected(status, "The service's \"" + field + "\" is not a time.");
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
