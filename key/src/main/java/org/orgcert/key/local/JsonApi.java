package org.orgcert.key.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.KeyAssistantException;
import org.orgcert.key.SignedData;
import org.orgcert.key.TokenSource;
import org.orgcert.key.UnlockSecret;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.SignIns;
import org.orgcert.token.Token;
import org.orgcert.token.UnblockChallenge;
import org.orgcert.token.UnblockResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON endpoints under {@code /v1/} for pages of the allowed origins (see {@link LocalApi} for the list and
 * who may call). Checked in this order before anything touches the token: whose connection it is (403
 * {@code other-user} for another local OS user, without CORS headers), the {@code Origin} (403
 * {@code origin-not-allowed} without CORS headers), the {@code Host} (DNS rebinding), then the method, the absence
 * of a query, the media type and size of the body.
 */
final class JsonApi {
    /** How many unlock response keys the assistant keeps at once. */
    static final int KEPT_SECRETS = 16;
    private static final Pattern SIGN_IN_RESULT = Pattern.compile("/v1/signin/([A-Za-z0-9_-]{1,64})");

    private final OriginPolicy origins;
    private final TokenSource tokens;
    private final KeyAssistant assistant;
    private final ServiceClient service;
    private final Clock clock;
    private final Set<String> hosts;
    private final Map<String, Route> routes;
    private final SignInEndpoints signIns;
    /** Response keys made for unlock requests, by their hash; the oldest goes when there are more. */
    private final Map<String, UnlockSecret> unlockSecrets = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UnlockSecret> eldest) {
            return size() > KEPT_SECRETS;
        }
    });

    /**
     * One endpoint: its method, the body fields it takes (none for GET), whether it opens the token, whether the
     * provider's platforms may call it (otherwise only the trusted origins), its action.
     */
    private record Route(String method, Set<String> fields, boolean token, boolean platforms,
            Function<Call, Reply> action) {
        static Route get(Function<Call, ObjectNode> action) {
            return new Route("GET", Set.of(), true, false, call -> Reply.ok(action.apply(call)));
        }

        static Route post(Set<String> fields, Function<Call, ObjectNode> action) {
            return new Route("POST", fields, true, false, call -> Reply.ok(action.apply(call)));
        }
    }

    /**
     * A request's parts.
     *
     * @param token  the opened token, or null for a route that needs none
     * @param body   the body's fields, or null for GET
     * @param origin the request's (allowed) Origin
     * @param id     the id in the path, for {@code /v1/signin/<id>}
     */
    record Call(Token token, JsonFields body, String origin, String id) {
    }

    /** An answer: status and body. */
    record Reply(int status, ObjectNode body) {
        static Reply ok(ObjectNode body) {
            return new Reply(200, body);
        }
    }

    /**
     * @param origins the origins allowed now, and for what (the provider's list may change while the assistant runs)
     * @param hosts   the {@code Host} values that reach this assistant ({@code 127.0.0.1:port}, {@code localhost:port})
     */
    JsonApi(OriginPolicy origins, TokenSource tokens, KeyAssistant assistant, ServiceClient service,
            Clock clock, Set<String> hosts, SignInEndpoints signIns) {
        this.origins = origins;
        this.tokens = tokens;
        this.assistant = assistant;
        this.service = service;
        this.clock = clock;
        this.hosts = hosts;
        this.signIns = signIns;
        this.routes = Map.of(
                "/v1/token", new Route("GET", Set.of(), true, true, call -> Reply.ok(Views.info(assistant.info(
                        call.token())))),
                "/v1/pin", Route.post(Set.of("oldPin", "newPin"), this::changePin),
                "/v1/sign", Route.post(Set.of("pin", "data"), this::sign),
                "/v1/unblock-challenge", Route.get(this::unblockChallenge),
                "/v1/unblock", Route.post(Set.of("response", "newPin"), this::unblock),
                "/v1/unlock", Route.post(Set.of("requestId", "responseKeyHash", "newPin"), this::unlock),
                "/v1/certificate", Route.post(Set.of("pin", "certificate"), this::importCertificate),
                "/v1/renew", Route.post(Set.of("pin"), this::renew),
                "/v1/fetch-successor", Route.post(Set.of("pin"), this::fetchSuccessor),
                "/v1/signin", new Route("POST", Set.of("challenge", "platformName"), true, true, signIns::ask));
    }

    /** Answers one request; returns the status and error code for the console line. */
    LocalApi.Outcome handle(HttpExchange exchange, String method, String path, PeerUser.Result peer) {
        try {
            if (peer == PeerUser.Result.OTHER_USER) {
                throw ApiError.otherUser();
            }
            Headers request = exchange.getRequestHeaders();
            Headers response = exchange.getResponseHeaders();
            response.set("Vary", "Origin");
            String origin = request.getFirst("Origin");
            AllowedOrigins allowed = origins.all();
            if (!allowed.allows(origin) || request.get("Origin").size() != 1) {
                throw new ApiError(403, "origin-not-allowed", "This assistant answers only pages of " + allowed
                        + "; the request's Origin header is missing or another.");
            }
            response.set("Access-Control-Allow-Origin", origin);
            if (!hosts.contains(String.valueOf(request.getFirst("Host")).toLowerCase(java.util.Locale.ROOT))) {
                throw new ApiError(403, "host-not-allowed", "Call the assistant as http://127.0.0.1:"
                        + exchange.getLocalAddress().getPort() + ".");
            }
            if (method.equals("OPTIONS")) {
                int status = preflight(request, response);
                exchange.sendResponseHeaders(status, -1);
                return new LocalApi.Outcome(status, "");
            }
            Reply reply = route(exchange, method, path, origin);
            Exchanges.sendJson(exchange, reply.status(), reply.body());
            return new LocalApi.Outcome(reply.status(), "");
        } catch (Throwable failure) {
            ApiError error = ApiError.of(failure);
            try {
                if (error.status() == 413) {
                    // The rest of the body may still be on its way: this connection ends with the answer, and says
                    // so, so a client does not send its next request on it and find it closed.
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                Exchanges.sendJson(exchange, error.status(), error.body());
            } catch (IOException | RuntimeException ignored) {
                // the client went away; nothing to tell it
            }
            return LocalApi.Outcome.failed(error, failure);
        }
    }

    private int preflight(Headers request, Headers response) {
        String wanted = String.valueOf(request.getFirst("Access-Control-Request-Method"));
        if (!wanted.equals("GET") && !wanted.equals("POST")) {
            throw new ApiError(405, "method-not-allowed", "The assistant takes GET and POST only.");
        }
        response.set("Access-Control-Allow-Methods", "GET, POST");
        response.set("Access-Control-Allow-Headers", "Content-Type");
        response.set("Access-Control-Max-Age", "600");
        // Chrome's Private Network Access: a public page asks before calling 127.0.0.1
        if ("true".equalsIgnoreCase(request.getFirst("Access-Control-Request-Private-Network"))) {
            response.set("Access-Control-Allow-Private-Network", "true");
        }
        return 204;
    }

    private Reply route(HttpExchange exchange, String method, String path, String origin) throws IOException {
        Route route = routes.get(path);
        String id = null;
        Matcher result = SIGN_IN_RESULT.matcher(path);
        if (route == null && result.matches()) {
            route = new Route("GET", Set.of(), false, true, signIns::result);
            id = result.group(1);
        }
        if (route == null) {
            throw new ApiError(404, "not-found", "No such endpoint; see GET /v1/token.");
        }
        if (!route.platforms() && !origins.trusted().allows(origin)) {
            // a relying platform: token and sign-in only, whatever PIN its page may have collected
            throw new ApiError(403, "origin-not-allowed", "Pages of " + origin + " may only read the token and sign"
                    + " in (GET /v1/token, /v1/signin).");
        }
        if (!route.method().equals(method)) {
            exchange.getResponseHeaders().set("Allow", route.method() + ", OPTIONS");
            throw new ApiError(405, "method-not-allowed", path + " takes " + route.method() + ".");
        }
        if (exchange.getRequestURI().getRawQuery() != null) {
            throw ApiError.badRequest("The assistant takes no URL parameters; PINs and data go in the JSON body.");
        }
        if (method.equals("GET")) {
            if (!route.token()) {
                return route.action().apply(new Call(null, null, origin, id));
            }
            try (Token token = tokens.open()) {
                return route.action().apply(new Call(token, null, origin, id));
            }
        }
        if (!Exchanges.mediaType(exchange).equals("application/json")) {
            throw new ApiError(415, "unsupported-media-type", "Send the body as application/json.");
        }
        byte[] raw = Exchanges.readBody(exchange);
        try (JsonFields body = JsonFields.read(raw, route.fields()); Token token = tokens.open()) {
            return route.action().apply(new Call(token, body, origin, id));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    // ---- endpoints ----

    private ObjectNode changePin(Call call) {
        assistant.changePin(call.token(), call.body().required("oldPin"), call.body().required("newPin"));
        return Json.object().put("changed", true);
    }

    private ObjectNode sign(Call call) {
        byte[] data = base64(call.body(), "data");
        SignedData signed = assistant.sign(call.token(), call.body().required("pin"), data);
        return Json.object()
                .put("signature", Base64.getEncoder().encodeToString(signed.signature()))
                .put("certificate", Base64.getEncoder().encodeToString(signed.certificate()));
    }

    /**
     * The token's challenge, and the SHA-256 of a new secret this assistant keeps (in memory, the last
     * {@value #KEPT_SECRETS}): the page files the request with that hash, and only this assistant can then fetch
     * the bureau's response ({@code /v1/unlock}); the page never sees it.
     */
    private ObjectNode unblockChallenge(Call call) {
        UnblockChallenge challenge = assistant.unblockChallenge(call.token());
        UnlockSecret secret = UnlockSecret.random();
        unlockSecrets.put(secret.hash(), secret);
        return Json.object().put("tokenSerial", call.token().info().serial()).put("challenge", challenge.text())
                .put("responseKeyHash", secret.hash());
    }

    /** An approved request filed with one of this assistant's response keys: fetches the response and unblocks. */
    private ObjectNode unlock(Call call) {
        String hash = call.body().requiredText("responseKeyHash");
        UnlockSecret secret = unlockSecrets.get(hash);
        if (secret == null) {
            throw new KeyAssistantException(KeyAssistantException.Kind.NOT_APPROVED, "This assistant did not make that"
                    + " response key (or was restarted since); request the unlock again.");
        }
        UnblockResponse response = service.unlockResponse(call.body().requiredText("requestId"), secret);
        assistant.unblock(call.token(), response, call.body().required("newPin"));
        unlockSecrets.remove(hash);
        return Views.info(assistant.info(call.token()));
    }

    private ObjectNode unblock(Call call) {
        // the response must become text to be parsed; it is a one-time code and is never echoed
        UnblockResponse response = UnblockResponse.parse(call.body().requiredText("response"));
        assistant.unblock(call.token(), response, call.body().required("newPin"));
        return Views.info(assistant.info(call.token()));
    }

    private ObjectNode importCertificate(Call call) {
        byte[] der = base64(call.body(), "certificate");
        return Views.certificate(assistant.importCertificate(call.token(), call.body().required("pin"), der),
                clock.instant());
    }

    private ObjectNode renew(Call call) {
        return Views.renewal(assistant.renew(call.token(), service, call.body().required("pin")), clock.instant());
    }

    private ObjectNode fetchSuccessor(Call call) {
        return Views.successor(assistant.fetchSuccessor(call.token(), service, call.body().required("pin")),
                clock.instant());
    }

    private static byte[] base64(JsonFields body, String field) {
        try {
            return Base64.getDecoder().decode(body.requiredText(field).strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Field " + field + " must be base64.");
        }
    }
}
