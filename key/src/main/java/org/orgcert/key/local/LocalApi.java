package org.orgcert.key.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.TokenSource;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.SignIns;

/**
 * The assistant's local HTTP server on 127.0.0.1: the JSON API under {@code /v1/} for the service's and the
 * relying platforms' web pages ({@link JsonApi}), and the assistant's own page for the employer ({@link OwnPage}).
 * JSON endpoints:
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
 *   POST /v1/signin             {challenge, platformName}        -&gt; 202 {requestId, confirmUrl, expiresAt}
 *   GET  /v1/signin/&lt;id&gt;                                         -&gt; {state, signedText, signature, certificate}
 * </pre>
 *
 * <p>Who may call, checked in this order before anything touches the token:
 * <ol>
 * <li>Listens on 127.0.0.1 only, never on another interface: nothing on the network reaches it.</li>
 * <li>The connection must not be another local OS user's ({@link PeerUser}; 403 {@code other-user}): the headers
 *     below stop browsers only, any program can send them. When whose it is cannot be told, a sign-in is never
 *     confirmed with the PIN session, only with the PIN.</li>
 * <li>JSON API: the {@code Origin} header must be exactly one of the allowed origins ({@link OriginPolicy}: the
 *     bureau's own, the provider's registered platforms, this assistant's own); otherwise 403 without CORS
 *     headers. A page of another site cannot call it, and its browser cannot read the answer. A platform may only
 *     read the token and sign in. The own page: a form is taken only with {@code Origin} = this assistant's own
 *     origin and the page's anti-CSRF token.</li>
 * <li>The {@code Host} header must be {@code 127.0.0.1:port} or {@code localhost:port}, so a hostile name
 *     rebound to 127.0.0.1 (DNS rebinding) is refused too.</li>
 * <li>Bodies are at most {@value #MAX_BODY} bytes, and no URL carries a query: PINs travel only in bodies,
 *     which are never logged.</li>
 * </ol>
 * Each request opens the token afresh and closes it, so no PKCS#11 login stays open between requests.
 */
public final class LocalApi implements AutoCloseable {
    /** The default port of {@code serve}. */
    public static final int DEFAULT_PORT = 17017;
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = Exchanges.MAX_BODY;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final HttpServer server;
    private final ExecutorService executor;
    private final AccessLog log;
    private final JsonApi json;
    private final OwnPage page;
    private final PeerUser peers;

    /** What a request came to, for its console line. */
    record Outcome(int status, String code) {
        static Outcome failed(ApiError error, Throwable failure) {
            // the class names the failure; its message could hold anything, so it is not logged
            return new Outcome(error.status(), error.code() + (error.code().equals("internal") ? " ("
                    + failure.getClass().getName() + ")" : ""));
        }
    }

    private LocalApi(HttpServer server, ExecutorService executor, OriginPolicy origins,
            TokenSource tokens, KeyAssistant assistant, ServiceClient service, Clock clock, AccessLog log,
            SignIns signIns, PeerUser peers) {
        this.server = server;
        this.executor = executor;
        this.log = log;
        this.peers = peers;
        int port = server.getAddress().getPort();
        Set<String> hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        // the own page's origins may call the API too (they are this program)
        AllowedOrigins own = AllowedOrigins.of(java.util.List.of("http://127.0.0.1:" + port, "http://localhost:"
                + port));
        OriginPolicy withOwn = new OriginPolicy() {
            @Override
            public AllowedOrigins trusted() {
                return origins.trusted().plus(own);
            }

            @Override
            public AllowedOrigins platforms() {
                return origins.platforms();
            }
        };
        this.json = new JsonApi(withOwn, tokens, assistant, service, clock, hosts,
                new SignInEndpoints(signIns, "http://127.0.0.1:" + port));
        this.page = new OwnPage(tokens, assistant, service, signIns, clock, hosts);
    }

    /**
     * Starts the API on 127.0.0.1:{@code port} ({@code 0}: any free port, for tests) for pages of fixed
     * {@code origins}, trusted with the whole API, with sign-ins of its own.
     *
     * @param service where {@code /v1/renew} renews and {@code /v1/fetch-successor} fetches
     * @param log     receives one line per request
     * @throws IOException when the port is taken
     */
    public static LocalApi start(int port, AllowedOrigins origins, TokenSource tokens, KeyAssistant assistant,
            ServiceClient service, Clock clock, AccessLog log) throws IOException {
        return start(port, OriginPolicy.fixed(origins, java.util.List.of()), tokens, assistant, service, clock, log,
                new SignIns(clock));
    }

    /**
     * Starts the API on 127.0.0.1:{@code port} for pages of the origins {@code origins} gives at each request
     * (e.g. {@link RegisteredOrigins}: the platforms it lists may only read the token and sign in), with
     * {@code signIns} shared with the key watcher.
     *
     * @throws IOException when the port is taken
     */
    public static LocalApi start(int port, OriginPolicy origins, TokenSource tokens,
            KeyAssistant assistant, ServiceClient service, Clock clock, AccessLog log, SignIns signIns)
            throws IOException {
        return start(port, origins, tokens, assistant, service, clock, log, signIns, PeerUser.system());
    }

    /** As above, telling whose each connection is with {@code peers} (tests: a computer where it cannot be told). */
    static LocalApi start(int port, OriginPolicy origins, TokenSource tokens, KeyAssistant assistant,
            ServiceClient service, Clock clock, AccessLog log, SignIns signIns, PeerUser peers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress("localhost", LOOPBACK),
                port), 16);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "orgcert-key-api-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LocalApi api = new LocalApi(server, executor, origins, tokens, assistant, service, clock, log, signIns,
                peers);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** The address the API listens on (always 127.0.0.1). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The assistant's own page, {@code http://127.0.0.1:<port>/}. */
    public String pageUrl() {
        return "http://127.0.0.1:" + address().getPort() + "/";
    }

    /** Stops listening at once (a request cut short changes nothing on the token that it had not finished). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        Outcome outcome;
        try {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            // whose connection this is, before anything else (the request's headers prove nothing: see PeerUser)
            PeerUser.Result peer = peers.of(exchange.getRemoteAddress(), exchange.getLocalAddress());
            outcome = path.startsWith("/v1/") ? json.handle(exchange, method, path, peer)
                    : page.handle(exchange, method, path, peer);
        } catch (Throwable failure) {
            // even the error answer failed (e.g. a class missing from the runtime): the console says which
            outcome = new Outcome(500, "internal (" + failure.getClass().getName() + ")");
        } finally {
            exchange.close();
        }
        // never the query or a body: no PIN reaches the console
        log.line(method + " " + path + " " + outcome.status() + (outcome.code().isEmpty() ? "" : " "
                + outcome.code()));
    }
}
