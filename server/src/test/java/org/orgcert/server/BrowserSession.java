package org.orgcert.server;

import java.net.HttpCookie;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A browser in tests: keeps the cookies the service sets ({@code SESSION}, {@code XSRF-TOKEN}) and sends
 * them back, and echoes the CSRF cookie in {@code X-XSRF-TOKEN} when asked to.
 */
public final class BrowserSession {
    private final RestTestClient client;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public BrowserSession(RestTestClient client) {
        this.client = client;
    }

    /** GET {@code /api/v1/csrf}: the CSRF cookie, as a page would have it before its first POST. */
    public BrowserSession primeCsrf() {
        keep(client.get().uri("/api/v1/csrf").headers(this::cookies).exchange().expectStatus().isOk()
                .returnResult(String.class));
        return this;
    }

    /** The request's cookies (and, with {@code csrf}, the CSRF header), for {@code .headers(...)}. */
    public void cookies(HttpHeaders headers) {
        if (!cookies.isEmpty()) {
            headers.add(HttpHeaders.COOKIE, String.join("; ",
                    cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
    }

    /** Cookies and the CSRF header. */
    public void withCsrf(HttpHeaders headers) {
        cookies(headers);
        if (cookies.containsKey("XSRF-TOKEN")) {
            headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        }
    }

    /** Takes the cookies a response set (an empty value deletes one). */
    public <T> EntityExchangeResult<T> keep(EntityExchangeResult<T> result) {
        List<String> set = result.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        for (String header : set) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                if (cookie.getValue().isEmpty() || cookie.getMaxAge() == 0) {
                    cookies.remove(cookie.getName());
                } else {
                    cookies.put(cookie.getName(), cookie.getValue());
                }
            }
        }
        return result;
    }

    /** A cookie's value, or null. */
    public String cookie(String name) {
        return cookies.get(name);
    }
}
