package org.orgcert.server.signin;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A relying platform's browser and back end, step by step over HTTP, as a platform and the sign-in page do: the
 * authorization request with PKCE, the key sign-in page's two calls, the code, the token request, userinfo.
 */
final class OidcFlow {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    final String base;
    final String clientId;
    final String secret;
    final String redirectUri;
    final HttpClient browser;
    private final CookieManager cookieJar;
    final String verifier = random();
    final String state = random();
    String csrf;
    /** The sign-in page the provider last sent the browser to, with the authorization request as its query. */
    URI signInPage;
    Map<String, Object> challenge;

    OidcFlow(String base, String clientId, String secret, String redirectUri) {
        this(base, clientId, secret, redirectUri, new CookieManager());
    }

    private OidcFlow(String base, String clientId, String secret, String redirectUri, CookieManager cookieJar) {
        this.cookieJar = cookieJar;
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookieJar).followRedirects(HttpClient.Redirect.NEVER).build();
        this.browser = browser;
        this.base = base;
        this.clientId = clientId;
        this.secret = secret;
        this.redirectUri = redirectUri;
    }

    /** Another platform's sign-in in the same browser (its cookies). */
    OidcFlow sameBrowser(String otherClientId, String otherSecret) {
        return new OidcFlow(base, otherClientId, otherSecret, redirectUri, cookieJar);
    }

    /** The names of the cookies the browser holds. */
    List<String> cookies() {
        return cookieJar.getCookieStore().getCookies().stream().map(java.net.HttpCookie::getName).toList();
    }

    /** The platform sends the browser to the provider; answers where the provider sends it next. */
    URI authorize(String scopes) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> answer = get(base + "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(scopes) + "&state=" + state
                + "&nonce=" + random() + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        URI next = location(answer);
        if ("/signin/key".equals(next.getPath())) {
            signInPage = next;
        }
        return next;
    }

    /** Opens the sign-in page and keeps its CSRF token. */
    String openSignInPage() throws Exception {
        HttpResponse<String> page = get(base + "/signin/key" + (signInPage == null ? "" : "?" + signInPage.getRawQuery()));
        Matcher token = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
        csrf = token.find() ? token.group(1) : null;
        return page.body();
    }

    HttpResponse<String> requestChallenge(byte[] certificate, String origin) throws Exception {
        HttpResponse<String> answer = post("/signin/key/challenge",
                Map.of("certificate", Base64.getEncoder().encodeToString(certificate), "request", request()), origin);
        if (answer.statusCode() == 200) {
            challenge = JSON.readValue(answer.body(), new TypeReference<>() { });
        }
        return answer;
    }

    HttpResponse<String> answer(String signed, byte[] signature, byte[] certificate, String origin) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("nonce", (String) challenge.get("nonce"));
        body.put("signed", signed);
        body.put("signature", Base64.getEncoder().encodeToString(signature));
        body.put("certificate", Base64.getEncoder().encodeToString(certificate));
        body.put("request", request());
        return post("/signin/key", body, origin);
    }

    /** The authorization request the sign-in page carries, as the page hands it back. */
    private String request() {
        return signInPage == null ? "" : signInPage.getRawQuery();
    }

    /**
     * The code the platform gets: {@code redirect} is where the sign-in's answer sends the browser, the platform with
     * its code, or a step at the provider (followed to the platform).
     */
    String code(String redirect) throws Exception {
        URI next = URI.create(redirect.startsWith("http") ? redirect : base + redirect);
        URI back = next.toString().startsWith(base) ? location(get(next.toString())) : next;
        Map<String, String> query = query(back);
        if (!state.equals(query.get("state"))) {
            throw new IllegalStateException("state not returned: " + back);
        }
        return query.get("code");
    }

    /** The platform's back end exchanges the code. */
    HttpResponse<String> token(String code) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code)
                        + "&redirect_uri=" + enc(redirectUri) + "&code_verifier=" + verifier
                        + (secret == null ? "&client_id=" + clientId : "")));
        if (secret != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> userInfo(String accessToken) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Object body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf == null ? "" : csrf)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI location(HttpResponse<?> answer) {
        return answer.headers().firstValue("Location").map(URI::create)
                .orElseThrow(() -> new IllegalStateException("no redirect: " + answer.statusCode() + " " + answer.body()));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
