package org.orgcert.key.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Calls to a running assistant as browsers make them: JSON calls of a platform's page (with its Origin) and the
 * assistant's own page and forms. Every answer is kept, so a test can check that no secret ever appeared.
 */
final class HttpCalls {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    final List<String> answers = Collections.synchronizedList(new ArrayList<>());

    HttpCalls(int port) {
        this.port = port;
    }

    /** The assistant's own origin, as a browser on its page sends it. */
    String own() {
        return "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path, String origin) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request.build());
    }

    HttpResponse<String> postJson(String path, String origin, String json) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A JSON body of string fields. */
    static String json(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Json.MAPPER.writeValueAsString(fields);
    }

    /** A form of the own page, as the browser posts it from that page ({@code origin} null: no Origin header). */
    HttpResponse<String> postForm(String path, String origin, String... namesAndValues) throws IOException {
        return postForm(path, origin, Map.of(), namesAndValues);
    }

    HttpResponse<String> postForm(String path, String origin, Map<String, String> headers, String... namesAndValues)
            throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (origin != null) {
            request.header("Origin", origin);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The anti-CSRF token in a page. */
    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no anti-CSRF token in the page");
        }
        return matcher.group(1);
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }

    /** A request written by hand (to send a Host header HttpClient will not). */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            answers.add(answer);
            return answer;
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answers.add(response.body());
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
