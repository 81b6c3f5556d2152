package org.orgcert.key.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The provider's two endpoints the assistant uses for signing in (docs/signin.md), on a JDK HttpServer for the
 * assistant's tests: {@code GET /api/v1/signin/assistant-origins} answers what the test set, and
 * {@code POST /api/v1/signin/key-removed} records each body and answers the next status the test queued (204 when
 * none is queued). The real provider is tested by the server's end-to-end tests.
 */
public final class FakeProvider implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> origins = new AtomicReference<>("{\"origins\":[]}");
    private final AtomicInteger originsStatus = new AtomicInteger(200);
    private final Deque<Integer> removedStatuses = new ConcurrentLinkedDeque<>();
    private final List<String> removed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger removedCalls = new AtomicInteger();

    private FakeProvider(HttpServer server) {
        this.server = server;
    }

    public static FakeProvider start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        FakeProvider provider = new FakeProvider(server);
        server.createContext("/api/v1/signin/assistant-origins", provider::origins);
        server.createContext("/api/v1/signin/key-removed", provider::keyRemoved);
        server.start();
        return provider;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The origin list's JSON body, as the provider will answer from now on. */
    public void listOrigins(String json) {
        origins.set(json);
    }

    public void originsStatus(int status) {
        originsStatus.set(status);
    }

    /** The statuses the next key-removed calls get, in order. */
    public void answerKeyRemovedWith(Integer... statuses) {
        removedStatuses.addAll(List.of(statuses));
    }

    /** The bodies of the key-removed calls it answered 2xx. */
    public List<String> keyRemovedBodies() {
        return List.copyOf(removed);
    }

    public int keyRemovedCalls() {
        return removedCalls.get();
    }

    private void origins(HttpExchange exchange) throws IOException {
        send(exchange, originsStatus.get(), origins.get());
    }

    private void keyRemoved(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        removedCalls.incrementAndGet();
        Integer status = removedStatuses.poll();
        int answer = status == null ? 204 : status;
        if (answer < 300 && exchange.getRequestMethod().equals("POST")
                && String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
            removed.add(body);
        }
        send(exchange, answer, answer == 204 ? "" : "{\"type\":\"https://orgcert.example/problems/x\",\"detail\":\"x\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
