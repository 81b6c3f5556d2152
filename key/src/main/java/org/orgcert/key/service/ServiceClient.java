package org.orgcert.key.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.orgcert.token.UnblockChallenge;
import org.orgcert.token.UnblockResponse;
import tools.jackson.core.JsonGenerator;

/**
 * The assistant's client of the OrgCert service's REST API (one instance per service and person: it keeps
 * the employer agent's session cookie and CSRF token in its own cookie store).
 *
 * <ul>
 * <li>Renewal ({@link #renewalChallenge}, {@link #renew}) and successors ({@link #successor}) need no session:
 *     the service authenticates renewal by the token's signature, and certificates are public.</li>
 * <li>Unlock requests and loss reports need an employer agent's session: {@link #requestSignInCode} sends a
 *     one-time code by SMS, {@link #signIn} opens the session. Every POST carries the {@code XSRF-TOKEN}
 *     cookie's value in {@code X-XSRF-TOKEN} (fetched from {@code /api/v1/csrf} when there is none yet).</li>
 * </ul>
 *
 * <p>Errors come back as {@link ServiceException} with the problem's code and detail. No PIN ever reaches this
 * class; the one-time code is written into the request body from its char array and the array copy wiped.
 * Redirects are not followed, so a session cookie or code is never sent anywhere but to {@code baseUrl}.
 * Bodies of answers are capped at 1 MiB.
 */
public final class ServiceClient {
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,40}");
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final int MAX_ANSWER = 1 << 20;
    private static final String XSRF_COOKIE = "XSRF-TOKEN";

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final HttpClient http;
    private final Duration timeout;

    /** A client of the service at {@code baseUrl} (e.g. {@code http://localhost:8080}) with 30-second time-outs. */
    public ServiceClient(URI baseUrl) {
        this(baseUrl, Duration.ofSeconds(30));
    }

    /**
     * A client of the service at {@code baseUrl} whose requests time out after {@code timeout}.
     *
     * @throws IllegalArgumentException when the URL is not http(s) with a host, or has a query or fragment
     */
    public ServiceClient(URI baseUrl, Duration timeout) {
        this.base = checkBase(baseUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The service's base URL, without a trailing slash. */
    public URI baseUrl() {
        return base;
    }

    static URI checkBase(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the service URL must be http:// or https:// with a host and no query,"
                    + " e.g. http://localhost:8080");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    // ---- renewal and successors (no session) ----

    /**
     * Asks for a renewal challenge for certificate {@code serialHex} (R-REN-1, R-REN-2).
     *
     * @throws ServiceException {@code unknown-certificate}, {@code renewal-not-open} (property {@code opensOn}),
     *                          {@code certificate-expired}, {@code certificate-revoked}, {@code already-renewed}
     */
    public RenewalChallenge renewalChallenge(String serialHex) {
        byte[] body = json(g -> g.writeStringProperty("serial", serial(serialHex)));
        Answer answer = post("/api/v1/renewals/challenge", body, false);
        return Responses.renewalChallenge(answer.expect(200), answer.body());
    }

    /**
     * Sends the token's signature over a challenge's {@code toBeSigned} bytes and receives the renewed certificate.
     *
     * @throws ServiceException {@code bad-signature}, {@code stale-nonce} and the refusals of
     *                          {@link #renewalChallenge}
     */
    public RenewedCertificate renew(String serialHex, String nonce, byte[] signature) {
        byte[] body = json(g -> {
            g.writeStringProperty("serial", serial(serialHex));
            g.writeStringProperty("nonce", nonce);
            g.writeStringProperty("signature", Base64.getEncoder().encodeToString(signature));
        });
        Answer answer = post("/api/v1/renewals", body, false);
        // 201: renewed; 202: the employer pays first and the certificate is issued when the payment is matched.
        return Responses.renewed(answer.status() == 202 ? 202 : answer.expect(201), answer.body());
    }

    /** The successor of certificate {@code serialHex} (renewal or information change), if the service has one. */
    public Optional<Successor> successor(String serialHex) {
        Answer answer = get("/api/v1/certificates/" + serial(serialHex) + "/successor");
        if (answer.status() == 404) {
            ServiceException problem = Responses.problem(answer.status(), answer.body());
            if (problem.code().equals("no-successor")) {
                return Optional.empty();
            }
            throw problem;
        }
        return Optional.of(Responses.successor(answer.expect(200), answer.body()));
    }

    /**
     * Tells the service that certificate {@code serialHex} is on the token now, with the token's signature over
     * {@code "orgcert-on-key\n" + serial}: what an information change replaced is then revoked (superseded).
     *
     * @throws ServiceException {@code bad-signature}, {@code unknown-certificate}, {@code already-revoked}
     */
    public void confirmOnKey(String serialHex, byte[] signature) {
        byte[] body = json(g -> g.writeStringProperty("signature", Base64.getEncoder().encodeToString(signature)));
        post("/api/v1/certificates/" + serial(serialHex) + "/on-key", body, false).expect(200);
    }

    // ---- employer agent sign-in (session) ----

    /**
     * Asks the service to send a one-time sign-in code by SMS to {@code mobile}. The service answers the same
     * whether or not the number belongs to an employer.
     *
     * @throws IllegalArgumentException when {@code mobile} is not an 11-digit mainland mobile number
     * @throws ServiceException         e.g. 429 when codes were asked too often
     */
    public void requestSignInCode(String mobile) {
        String number = mobile(mobile);
        fetchCsrfToken();
        byte[] body = json(g -> g.writeStringProperty("mobile", number));
        post("/api/v1/employer-login/code", body, true).expect(202);
    }

    /**
     * Signs the employer agent in with the SMS code; the session lasts as long as this client.
     *
     * @throws ServiceException 401 with the service's reason (wrong or expired code, too many tries)
     */
    public void signIn(String mobile, char[] code) {
        String number = mobile(mobile);
        byte[] body = json(g -> {
            g.writeStringProperty("mobile", number);
            g.writeName("code");
            char[] copy = code == null ? new char[0] : code.clone();
            try {
                g.writeString(copy, 0, copy.length);
            } finally {
                Arrays.fill(copy, '\0');
            }
        });
        try {
            post("/api/v1/employer-login", body, true).expect(200);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    // ---- unlock and loss (session) ----

    /**
     * Files an unlock request for the locked token {@code tokenSerial} showing {@code challenge} (R-FEE-1 d), with
     * the SHA-256 of the secret for which the service will give this assistant the response.
     *
     * @throws ServiceException {@code unknown-token}, {@code unlock-rate-limited}, {@code invalid-challenge},
     *                          {@code unauthenticated} (not signed in)
     */
    public UnlockRequest fileUnlockRequest(String tokenSerial, UnblockChallenge challenge, String responseKeyHash) {
        byte[] body = json(g -> {
            g.writeStringProperty("tokenSerial", tokenSerial);
            g.writeStringProperty("challenge", challenge.text());
            g.writeStringProperty("responseKeyHash", responseKeyHash);
        });
        Answer answer = post("/api/v1/unlock-requests", body, true);
        return Responses.unlockRequest(answer.expect(201), answer.body());
    }

    /**
     * The bureau's one-time response to approved unlock request {@code id}, for the secret this assistant made when
     * filing it. No session needed: the secret is the proof.
     *
     * @throws ServiceException {@code wrong-response-secret}, {@code unlock-not-approved} (with {@code state})
     */
    public UnblockResponse unlockResponse(String id, org.orgcert.key.UnlockSecret secret) {
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an unlock request id is letters, digits and hyphens");
        }
        byte[] body = json(g -> g.writeStringProperty("secret", secret.value()));
        try {
            Answer answer = post("/api/v1/unlock-requests/" + id + "/response", body, false);
            return Responses.unblockResponse(answer.expect(200), answer.body());
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /** The unlock request {@code id} as it is now (never with the response). */
    public UnlockRequest unlockRequest(String id) {
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an unlock request id is letters, digits and hyphens");
        }
        Answer answer = get("/api/v1/unlock-requests/" + id);
        return Responses.unlockRequest(answer.expect(200), answer.body());
    }

    /**
     * Reports certificate {@code serialHex} lost, damaged or cancelled; the service revokes it at once (R-FEE-2).
     *
     * @throws ServiceException {@code not-your-certificate}, {@code already-revoked}, {@code unauthenticated}
     */
    public Revocation reportLoss(String serialHex, LossReason reason) {
        byte[] body = json(g -> g.writeStringProperty("reason", reason.name()));
        Answer answer = post("/api/v1/certificates/" + serial(serialHex) + "/revocation", body, true);
        return Responses.revocation(answer.expect(200), answer.body());
    }

    // ---- signing in with the key (docs/signin.md) ----

    /**
     * The origins whose pages may ask the assistant ({@code GET /api/v1/signin/assistant-origins}, public):
     * the provider's own and those of every enabled platform, as text the caller checks one by one.
     *
     * @throws ServiceException unreachable, or an answer that is not {@code {"origins": [text...]}}
     */
    public java.util.List<String> assistantOrigins() {
        Answer answer = get("/api/v1/signin/assistant-origins");
        return Responses.origins(answer.expect(200), answer.body());
    }

    /**
     * Tells the provider the key was removed: it ends every sign-in session whose presence hash is the SHA-256 of
     * this secret ({@code POST /api/v1/signin/key-removed}, {@code {"presence": "<secret, base64url>"}}, no session:
     * the secret is the proof). Any 2xx is taken.
     *
     * @param presence the secret in base64url, written into the body from the array (the caller wipes it)
     * @throws ServiceException unreachable or refused
     */
    public void keyRemoved(char[] presence) {
        byte[] body = json(g -> {
            g.writeName("presence");
            g.writeString(presence, 0, presence.length);
        });
        try {
            Answer answer = post("/api/v1/signin/key-removed", body, false);
            if (answer.status() < 200 || answer.status() >= 300) {
                answer.expect(204);
            }
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    // ---- HTTP ----

    /** An answer: status and body; {@link #expect} turns any other status into the problem it carries. */
    private record Answer(int status, byte[] body) {
        int expect(int wanted) {
            if (status != wanted) {
                if (status >= 200 && status < 300) {
                    throw ServiceException.unexpected(status, "The service answered with HTTP status " + status
                            + " instead of " + wanted + ".");
                }
                throw Responses.problem(status, body);
            }
            return status;
        }
    }

    private void fetchCsrfToken() {
        get("/api/v1/csrf").expect(200);
    }

    private Optional<String> csrfToken() {
        return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals(XSRF_COOKIE))
                .map(HttpCookie::getValue).findFirst();
    }

    private Answer get(String path) {
        return send(request(path).GET().build());
    }

    private Answer post(String path, byte[] body, boolean session) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (session) {
            if (csrfToken().isEmpty()) {
                fetchCsrfToken();
            }
            csrfToken().ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
        }
        return send(builder.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept",
                "application/json, application/problem+json");
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                return new Answer(response.statusCode(), readCapped(in));
            }
        } catch (IOException e) {
            throw ServiceException.unreachable("The service at " + base + " cannot be reached ("
                    + e.getClass().getSimpleName() + "). Check --service and the network.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.unreachable("Interrupted while waiting for the service.", e);
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > MAX_ANSWER) {
                throw new IOException("the answer is larger than " + MAX_ANSWER + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Writes one JSON object; the fields come from {@code fields}. */
    private static byte[] json(java.util.function.Consumer<JsonGenerator> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = Responses.JSON.createGenerator(out)) {
            generator.writeStartObject();
            fields.accept(generator);
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    static String serial(String serialHex) {
        String serial = serialHex == null ? "" : serialHex.strip();
        if (!SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("a certificate serial is 1 to 40 hexadecimal digits");
        }
        return serial.toUpperCase(Locale.ROOT);
    }

    static String mobile(String mobile) {
        String number = mobile == null ? "" : mobile.strip();
        if (!MOBILE.matcher(number).matches()) {
            throw new IllegalArgumentException("a mobile number has 11 digits and starts with 13 to 19");
        }
        return number;
    }

    @Override
    public String toString() {
        return "ServiceClient[" + base + "]";
    }
}
