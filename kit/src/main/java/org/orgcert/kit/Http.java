package org.orgcert.kit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches CRLs and OCSP responses over HTTP: a timeout on every request, no redirects, and never more
 * than a limit read into memory (a hostile or broken server cannot make the platform buffer gigabytes).
 */
final class Http {
    private final HttpClient client;
    private final Duration timeout;

    Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    byte[] get(String url, int limit) throws IOException {
        return send(HttpRequest.newBuilder(uri(url)).timeout(timeout).GET().build(), limit);
    }

    byte[] post(String url, String contentType, byte[] body, int limit) throws IOException {
        return send(HttpRequest.newBuilder(uri(url)).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), limit);
    }

    private byte[] send(HttpRequest request, int limit) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + request.uri(), e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(request.uri() + " answered HTTP " + response.statusCode());
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new IOException(request.uri() + " sent more than " + limit + " bytes");
            }
            return body;
        }
    }

    private static URI uri(String url) throws IOException {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IOException("not an http(s) URL: " + url);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + url, e);
        }
    }
}
