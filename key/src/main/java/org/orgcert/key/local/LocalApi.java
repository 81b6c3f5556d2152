package org.orgcert.key.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.KeyAssistantException;
import org.orgcert.key.UnlockSecret;
import org.orgcert.key.SignedData;
import org.orgcert.key.TokenSource;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.token.Token;
import org.orgcert.token.UnblockChallenge;
import org.orgcert.token.UnblockResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant's local HTTP API, for the service's web pages to use the USB key plugged into this computer
 * (renew, unlock, sign in to a relying platform). Endpoints:
 * <pre>
 *   GET  /v1/token              token and certificate information (no PIN)
 *   POST /v1/pin                {oldPin, newPin}
 *   POST /v1/sign               {pin, data: base64}              -&gt; {signature, certificate}
 *   GET  /v1/unblock-challenge                                   -&gt; {tokenSerial, challenge, responseKeyHash}
 *   POST /v1/unlock             {requestId, responseKeyHash, newPin}  the bureau's response fetched with this
 *                                                                assistant's secret, the token unblocked
 *   POST /v1/unblock            {response, newPin}
 *   POST /v1/certificate        {pin, certificate: base64 DER}   (refused for another key)
 *   POST /v1/renew              {pin}                            the whole renewal through the service
 *   POST /v1/fetch-successor    {pin}                            the newest successor from the service, written
 * </pre>
 *
 * <p>Who may call, checked in this order before anything touches the token:
 * <ol>
 * <li>Listens on 127.0.0.1 only, never on another interface: nothing on the network reaches it.</li>
 * <li>The {@code Origin} header must be exactly one of the {@link AllowedOrigins}; otherwise 403 without CORS
 *     headers. A page of another site cannot call it, and its browser cannot read the answer.</li>
 * <li>The {@code Host} header must be {@code 127.0.0.1:port} or {@code localhost:port}, so a hostile name
 *     rebound to 127.0.0.1 (DNS rebinding) is refused too.</li>
 * <li>POST bodies must be {@code application/json} (which makes browsers send a CORS preflight first), at most
 *     {@value #MAX_BODY} bytes, and no URL carries a query: PINs travel only in bodies, which are never logged.</li>
 * </ol>
 * Each request opens the token afresh and closes it, so no PIN session or PKCS#11 login stays open between
 * requests.
 */
public final class LocalApi implements AutoCloseable {
    /** The default port of {@code serve}. */
    public static final int DEFAULT_PORT = 17017;
    /** How many unlock response keys the assistant keeps at once. */
    static final int KEPT_SECRETS = 16;
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 64 * 1024;
    private static final int DRAIN_LIMIT = 1024 * 1024;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final HttpServer server;
    private final ExecutorService executor;
    private final AllowedOrigins origins;
    private final TokenSource tokens;
    private final KeyAssistant assistant;
    private final ServiceClient service;
    private final Clock clock;
    private final AccessLog log;
    private final Map<String, Route> routes;
    /** Response keys made for unlock requests, by their hash; the oldest goes when there are more. */
    private final Map<String, UnlockSecret> unlockSecrets = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, UnlockSecret> eldest) {
                    return size() > KEPT_SECRETS;
                }
            });
    private final Set<String> hosts;

    /** One endpoint: its method, the body fields it takes (none for GET) and what it does with an open token. */
    private record Route(String method, Set<String> fields, Function<Call, ObjectNode> action) {
    }

    /** A request's token and body. */
    private record Call(Token token, JsonFields body) {
    }

    private LocalApi(HttpServer server, ExecutorService executor, AllowedOrigins origins, TokenSource tokens,
            KeyAssistant assistant, ServiceClient service, Clock clock, AccessLog log) {
        this.server = server;
        this.executor = executor;
        this.origins = origins;
        this.tokens = tokens;
        this.assistant = assistant;
        this.service = service;
        this.clock = clock;
        this.log = log;
        int port = server.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.routes = Map.of(
                "/v1/token", new Route("GET", Set.of(), call -> Views.info(assistant.info(call.token()))),
                "/v1/pin", new Route("POST", Set.of("oldPin", "newPin"), this::changePin),
                "/v1/sign", new Route("POST", Set.of("pin", "data"), this::sign),
                "/v1/unblock-challenge", new Route("GET", Set.of(), this::unblockChallenge),
                "/v1/unblock", new Route("POST", Set.of("response", "newPin"), this::unblock),
                "/v1/unlock", new Route("POST", Set.of("requestId", "responseKeyHash", "newPin"), this::unlock),
                "/v1/certificate", new Route("POST", Set.of("pin", "certificate"), this::importCertificate),
                "/v1/renew", new Route("POST", Set.of("pin"), this::renew),
                "/v1/fetch-successor", new Route("POST", Set.of("pin"), this::fetchSuccessor));
    }

    /**
     * Starts the API on 127.0.0.1:{@code port} ({@code 0}: any free port, for tests).
     *
     * @param service where {@code /v1/renew} renews and {@code /v1/fetch-successor} fetches
     * @param log     receives one line per request
     * @throws IOException when the port is taken
     */
    public static LocalApi start(int port, AllowedOrigins origins, TokenSource tokens, KeyAssistant assistant,
            ServiceClient service, Clock clock, AccessLog log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress("localhost", LOOPBACK),
                port), 16);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "orgcert-key-api-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LocalApi api = new LocalApi(server, executor, origins, tokens, assistant, service, clock, log);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** The address the API listens on (always 127.0.0.1). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening at once (a request cut short changes nothing on the token that it had not finished). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
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

    // ---- HTTP ----

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        int status;
        String outcome = "";
        try {
            Headers request = exchange.getRequestHeaders();
            Headers response = exchange.getResponseHeaders();
            response.set("Vary", "Origin");
            response.set("Cache-Control", "no-store");
            response.set("X-Content-Type-Options", "nosniff");
            String origin = request.getFirst("Origin");
            if (!origins.allows(origin) || request.get("Origin").size() != 1) {
                throw new ApiError(403, "origin-not-allowed", "This assistant answers only pages of " + origins
                        + "; the request's Origin header is missing or another.");
            }
            response.set("Access-Control-Allow-Origin", origin);
            if (!hosts.contains(String.valueOf(request.getFirst("Host")).toLowerCase(Locale.ROOT))) {
                throw new ApiError(403, "host-not-allowed", "Call the assistant as http://127.0.0.1:"
                        + address().getPort() + ".");
            }
            if (method.equals("OPTIONS")) {
                status = preflight(request, response);
                exchange.sendResponseHeaders(status, -1);
            } else {
                ObjectNode body = route(exchange, method, path);
                status = 200;
                send(exchange, status, body);
            }
        } catch (Throwable failure) {
            ApiError error = ApiError.of(failure);
            status = error.status();
            outcome = " " + error.code();
            if (error.code().equals("internal")) {
                // the stack trace names classes and lines, never arguments: no PIN in it
                outcome += " (" + failure.getClass().getName() + ")";
            }
            try {
                if (status == 413) {
                    // The rest of the body may still be on its way: this connection ends with the answer, and says
                    // so, so a client does not send its next request on it and find it closed.
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                send(exchange, status, error.body());
            } catch (IOException | RuntimeException ignored) {
                // the client went away; nothing to tell it
            }
        } finally {
            exchange.close();
        }
        log.line(method + " " + path + " " + status + outcome);
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

    private ObjectNode route(HttpExchange exchange, String method, String path) throws IOException {
        Route route = routes.get(path);
        if (route == null) {
            throw new ApiError(404, "not-found", "No such endpoint; see GET /v1/token.");
        }
        if (!route.method().equals(method)) {
            exchange.getResponseHeaders().set("Allow", route.method() + ", OPTIONS");
            throw new ApiError(405, "method-not-allowed", path + " takes " + route.method() + ".");
        }
        if (exchange.getRequestURI().getRawQuery() != null) {
            throw ApiError.badRequest("The assistant takes no URL parameters; PINs and data go in the JSON body.");
        }
        if (method.equals("GET")) {
            try (Token token = tokens.open()) {
                return route.action().apply(new Call(token, null));
            }
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.startsWith("application/json;")) {
            throw new ApiError(415, "unsupported-media-type", "Send the body as application/json.");
        }
        byte[] raw = readBody(exchange);
        try (JsonFields body = JsonFields.read(raw, route.fields()); Token token = tokens.open()) {
            return route.action().apply(new Call(token, body));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The body, refused with 413 past {@value #MAX_BODY} bytes (by its declared length first, without reading). */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > MAX_BODY) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("The Content-Length header is not a number.");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = exchange.getRequestBody()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + read > MAX_BODY) {
                    drain(in);
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops the rest of a too-large chunked body, up to {@value #DRAIN_LIMIT} bytes: a client still
     * sending then reads the 413 instead of a connection reset under its feet. Past that it is reset anyway.
     */
    private static void drain(InputStream in) throws IOException {
        long left = DRAIN_LIMIT;
        byte[] skip = new byte[8192];
        int read;
        while (left > 0 && (read = in.read(skip, 0, (int) Math.min(skip.length, left))) != -1) {
            left -= read;
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "body-too-large", "Request bodies are limited to " + MAX_BODY + " bytes.");
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
