package org.orgcert.key.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Reading request bodies and writing answers, the same for the JSON API and the assistant's page. */
final class Exchanges {
    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY = 64 * 1024;
    private static final int DRAIN_LIMIT = 1024 * 1024;

    private Exchanges() {
    }

    /** The request's media type, lower case, without parameters ({@code ""} when there is none). */
    static String mediaType(HttpExchange exchange) {
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    }

    /** The body, refused with 413 past {@value #MAX_BODY} bytes (by its declared length first, without reading). */
    static byte[] readBody(HttpExchange exchange) throws IOException {
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

    /** Writes the answer with its length; {@code type} is the Content-Type. */
    static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body));
    }

    static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
