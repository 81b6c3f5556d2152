package org.orgcert.server.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestActors;
import org.orgcert.server.TestUscc;
import org.orgcert.server.lifecycle.CertificateEnding;
import org.orgcert.server.lifecycle.EndReason;
import org.orgcert.server.platform.PlatformRegistration;
import org.orgcert.server.platform.RelyingPlatforms;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Signing in to a relying platform with the USB key through the provider (R-USE-1..3, docs/signin.md): the code
 * flow with PKCE, the key's signature over the challenge, the tokens naming the employer; and every bad answer
 * refused, audited, signing nobody in; a revocation counting at the next sign-in; a removed key ending the sign-in
 * and telling the platform.
 */
@ServiceTest
class KeySignInTest extends ServiceTestBase {
    private static final String SCOPES = "openid employer certificate";
    private static final org.orgcert.server.domain.Actor ADMIN = new org.orgcert.server.domain.Actor.Staff("t-admin",
            org.orgcert.server.domain.StaffRole.BUREAU_ADMIN, null);

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    RelyingPlatforms platforms;
    @Autowired
    CertificateEnding endings;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KeySignInAuthorizations authorizations;

    private HttpServer platformServer;
    private final List<String> logoutTokens = new CopyOnWriteArrayList<>();
    private String base;
    private String clientId;
    private String secret;
    private KeyHolders.Holder holder;

    @BeforeEach
    void platformAndKey() throws Exception {
        platformServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platformServer.createContext("/logout", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            logoutTokens.add(URLDecoder.decode(form.substring("logout_token=".length()), StandardCharsets.US_ASCII));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        platformServer.start();
        base = "http://localhost:" + port;
        clientId = "t-" + OidcFlow.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 10);
        secret = platforms.register(new PlatformRegistration(clientId, "昆明智慧就业（测试）",
                List.of("http://127.0.0.1:9/callback"), List.of(), "http://127.0.0.1:" + platformServer.getAddress().getPort()
                        + "/logout", List.of("openid", "employer", "certificate"), false, "client_secret_basic"),
                ADMIN).secret();
        holder = new KeyHolders(context).produce(TestUscc.next());
    }

    @AfterEach
    void stop() {
        platformServer.stop(0);
    }

    @Test
    void theKeySignsTheEmployerInAndTheTokensNameIt() throws Exception {
        OidcFlow flow = flow();
        Map<String, Object> tokens = signIn(flow);

        SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
        JWKSet keys = JWKSet.parse(flow.get(base + "/oauth2/jwks").body());
        ECKey key = (ECKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idToken.verify(new ECDSAVerifier(key))).isTrue();
        var claims = idToken.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(holder.certificate().uscc().value());
        assertThat(claims.getStringClaim("uscc")).isEqualTo(holder.certificate().uscc().value());
        assertThat(claims.getStringClaim("name")).isEqualTo(holder.certificate().employerName());
        assertThat(claims.getStringClaim("cert_serial")).isEqualTo(holder.certificate().serialHex());
        assertThat(claims.getLongClaim("cert_not_after")).isEqualTo(holder.certificate().notAfter().getEpochSecond());
        assertThat(claims.getStringListClaim("amr")).containsExactly("swk", "pin");
        assertThat(claims.getStringClaim("acr")).isEqualTo(SignInClaims.ACR);
        assertThat(claims.getAudience()).containsExactly(clientId);

        HttpResponse<String> info = flow.userInfo((String) tokens.get("access_token"));
        assertThat(info.statusCode()).as(info.headers().map() + " " + info.body()).isEqualTo(200);
        Map<String, Object> userInfo = OidcFlow.JSON.readValue(info.body(), new TypeReference<>() { });
        assertThat(userInfo).containsEntry("uscc", holder.certificate().uscc().value())
                .containsEntry("cert_serial", holder.certificate().serialHex());
        assertThat(tokens).doesNotContainKey("refresh_token");
        // Only hashes of the code and the access token are kept.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signin_authorization WHERE encode(access_hash, 'escape') = ?",
                Long.class, (String) tokens.get("access_token"))).isZero();
        assertThat(audited("signin.signed-in")).isPositive();
    }

    @Test
    void aSignInWritesNoWebSessionAndItsAnswerSendsTheBrowserToThePlatform() throws Exception {
        // R-USE-1: a sign-in is the key's signature, not a web session: nothing in spring_session, no session cookie.
        long sessions = jdbc.queryForObject("SELECT count(*) FROM spring_session", Long.class);
        OidcFlow flow = flow();
        startSignIn(flow);
        HttpResponse<String> answer = answerWithTheKey(flow);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        // The code comes with this answer: no cookie is needed to come back signed in, and none is given.
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(KeySignInContexts.COOKIE));
        // The answer itself carries the code: the browser goes straight to the platform.
        Map<String, String> done = OidcFlow.JSON.readValue(answer.body(), new TypeReference<>() { });
        URI back = URI.create(done.get("redirect"));
        assertThat(back.toString()).startsWith("http://127.0.0.1:9/callback?");
        assertThat(OidcFlow.query(back)).containsEntry("state", flow.state).containsKey("code");
        assertThat(flow.token(OidcFlow.query(back).get("code")).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session", Long.class)).isEqualTo(sessions);
        assertThat(flow.cookies()).noneMatch(name -> name.equals("SESSION") || name.equals("JSESSIONID"));
    }

    @Test
    void anAnswerCarryingAnotherPlatformsRequestIsRefused() throws Exception {
        // The page hands back the authorization request it was opened with: one swapped for another platform's after
        // the challenge was issued finds the challenge made for the first (R-USE-1), and is refused, audited.
        String other = clientId + "x";
        platforms.register(new PlatformRegistration(other, "住房公积金（测试）", List.of("http://127.0.0.1:9/callback"),
                List.of(), null, List.of("openid"), false, "none"), ADMIN);
        OidcFlow flow = flow();
        startSignIn(flow);
        flow.signInPage = URI.create(flow.signInPage.toString().replace("client_id=" + clientId, "client_id=" + other));
        long refused = audited("signin.refused");
        HttpResponse<String> answer = answerWithTheKey(flow);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("other-origin");
        assertThat(audited("signin.refused")).isEqualTo(refused + 1);
    }

    @Test
    void aPageAddressThatIsNoAuthorizationRequestIsRefused() throws Exception {
        // What the page hands back must read as a URI's query: quotes and brackets could end an attribute or a line.
        OidcFlow flow = flow();
        startSignIn(flow);
        HttpResponse<String> answer = flow.post("/signin/key/challenge", Map.of("certificate",
                java.util.Base64.getEncoder().encodeToString(certificate()), "request", "client_id=" + clientId + "\"<x>"), base);
        assertThat(answer.body()).contains("unknown-platform");
    }

    @Test
    void anAbandonedSignInCannotBeUsedTenMinutesLater() throws Exception {
        // The sign-in of a platform that asks for confirmation waits for the employer; one left for over ten minutes
        // (KeySignIns.USABLE_FOR) no longer authorizes anything: the key is asked again.
        String confirming = clientId + "w";
        platforms.register(new PlatformRegistration(confirming, "住房公积金（测试）", List.of("http://127.0.0.1:9/callback"),
                List.of(), null, List.of("openid", "employer", "certificate"), true, "none"), ADMIN);
        OidcFlow flow = new OidcFlow(base, confirming, null, "http://127.0.0.1:9/callback");
        startSignIn(flow, "住房公积金（测试）");
        HttpResponse<String> answer = answerWithTheKey(flow);
        // Only here, with a confirmation page to come, does the browser get the sign-in's cookie: for scripts
        // unreadable, not sent cross-site, gone with the browser.
        assertThat(answer.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(KeySignInContexts.COOKIE + "=").contains("HttpOnly").contains("SameSite=Lax")
                .doesNotContain("Max-Age").doesNotContain("Expires"));
        Map<String, String> done = OidcFlow.JSON.readValue(answer.body(), new TypeReference<>() { });
        // Within the ten minutes the browser's sign-in cookie opens the confirmation page.
        assertThat(flow.get(done.get("redirect")).body()).contains(KeyHolders.NAME);
        jdbc.update("UPDATE key_signin SET created_at = created_at - interval '11 minutes' WHERE client_id = ?", confirming);
        assertThat(flow.authorize(SCOPES).getPath()).isEqualTo("/signin/key");
    }

    @Test
    void aRequestRefusedAfterTheKeysAnswerEndsTheSignInAndIsAudited() throws Exception {
        // R-USE-1, review finding: the page's request changed to an unregistered redirect URI after the challenge. The
        // key's answer checks out, the authorization endpoint refuses the request: the sign-in ends unused, the browser
        // gets no cookie, the refusal is audited, and the next person at this browser is asked for the key.
        OidcFlow flow = flow();
        startSignIn(flow);
        URI original = flow.signInPage;
        flow.signInPage = URI.create(original.toString().replace("redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback",
                "redirect_uri=https%3A%2F%2Fevil.example%2Fcb"));
        assertThat(flow.signInPage).isNotEqualTo(original);
        long refused = audited("signin.refused");
        HttpResponse<String> answer = answerWithTheKey(flow);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("unknown-platform");
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(KeySignInContexts.COOKIE));
        assertThat(audited("signin.refused")).isEqualTo(refused + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM key_signin WHERE client_id = ? AND ended_at IS NULL",
                Long.class, clientId)).isZero();
        flow.signInPage = original;
        assertThat(flow.authorize(SCOPES).getPath()).isEqualTo("/signin/key");
    }

    @Test
    void aRequestWithABrokenEscapeIsRefusedBeforeTheKeysAnswerCounts() throws Exception {
        OidcFlow flow = flow();
        startSignIn(flow);
        long signedIn = audited("signin.signed-in");
        String signed = signedText(flow, presence());
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("nonce", (String) flow.challenge.get("nonce"));
        body.put("signed", signed);
        body.put("signature", Base64.getEncoder().encodeToString(holder.token().sign(holder.pin(),
                signed.getBytes(StandardCharsets.UTF_8))));
        body.put("certificate", Base64.getEncoder().encodeToString(certificate()));
        body.put("request", flow.signInPage.getRawQuery() + "&x=%zz");
        HttpResponse<String> answer = flow.post("/signin/key", body, base);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("unknown-platform");
        assertThat(audited("signin.signed-in")).isEqualTo(signedIn);
    }

    @Test
    void aDeclinedConfirmationEndsTheSignIn() throws Exception {
        // Review finding: the employer presses "不同意" and leaves; the next person at this browser gets nothing.
        String confirming = clientId + "d";
        platforms.register(new PlatformRegistration(confirming, "住房公积金（测试）", List.of("http://127.0.0.1:9/callback"),
                List.of(), null, List.of("openid", "employer", "certificate"), true, "none"), ADMIN);
        OidcFlow flow = new OidcFlow(base, confirming, null, "http://127.0.0.1:9/callback");
        startSignIn(flow, "住房公积金（测试）");
        HttpResponse<String> answer = answerWithTheKey(flow);
        Map<String, String> done = OidcFlow.JSON.readValue(answer.body(), new TypeReference<>() { });
        String state = OidcFlow.query(URI.create(done.get("redirect"))).get("state");
        HttpResponse<String> declined = flow.browser.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("client_id=" + confirming + "&state="
                        + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(OidcFlow.location(declined).toString()).contains("error=access_denied");
        assertThat(flow.authorize(SCOPES).getPath()).isEqualTo("/signin/key");
    }

    @Test
    void aReplayedAnswerIsRefused() throws Exception {
        OidcFlow flow = flow();
        startSignIn(flow);
        String signed = signedText(flow, presence());
        byte[] signature = holder.token().sign(holder.pin(), signed.getBytes(StandardCharsets.UTF_8));
        assertThat(flow.answer(signed, signature, certificate(), base).statusCode()).isEqualTo(200);
        HttpResponse<String> again = flow.answer(signed, signature, certificate(), base);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("stale-challenge");
    }

    @Test
    void anAnswerFromAnotherOriginIsRefusedAndAudited() throws Exception {
        OidcFlow flow = flow();
        startSignIn(flow);
        String signed = signedText(flow, presence());
        long before = audited("signin.refused");
        HttpResponse<String> answer = flow.answer(signed, holder.token().sign(holder.pin(),
                signed.getBytes(StandardCharsets.UTF_8)), certificate(), "https://evil.example");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("other-origin");
        assertThat(audited("signin.refused")).isEqualTo(before + 1);
        // The challenge is spent: the right origin cannot use it afterwards.
        assertThat(flow.answer(signed, holder.token().sign(holder.pin(), signed.getBytes(StandardCharsets.UTF_8)),
                certificate(), base).body()).contains("stale-challenge");
    }

    @Test
    void aChallengeForAnotherSitesPageIsNeverIssued() throws Exception {
        // A platform's back end, playing the employer's browser, asks for a challenge naming its own page: the
        // assistant would sign it there, and the signature would sign the employer in here (review finding).
        OidcFlow flow = flow();
        flow.authorize(SCOPES);
        flow.openSignInPage();
        HttpResponse<String> refused = flow.requestChallenge(certificate(), "https://b.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("other-origin");
    }

    @Test
    void aSignInForOnePlatformAuthorizesNoOther() throws Exception {
        OidcFlow first = flow();
        signIn(first);
        String other = clientId + "o";
        platforms.register(new PlatformRegistration(other, "住房公积金（测试）", List.of("http://127.0.0.1:9/callback"),
                List.of(), null, List.of("openid"), false, "none"), ADMIN);
        // Same browser, another platform: no code without the key; the employer is asked again, naming that platform.
        assertThat(first.sameBrowser(other, null).authorize("openid").getPath()).isEqualTo("/signin/key");
        // Nor does the first platform get a second code from it: signed out there, the employer confirms again.
        assertThat(first.authorize(SCOPES).getPath()).isEqualTo("/signin/key");
    }

    @Test
    void aRevocationWhoseEndingNeverRanStillEndsTheSignIn() throws Exception {
        // As after a crash between the revocation's commit and its after-commit ending, or a sign-in checked just
        // before the revocation and committed after it: the certificate's status is read again at each use.
        OidcFlow flow = flow();
        Map<String, Object> tokens = signIn(flow);
        jdbc.update("UPDATE certificate SET status = 'REVOKED', revoked_at = now(), revocation_reason = 1 WHERE serial = ?",
                new java.math.BigDecimal(holder.certificate().serial()));
        assertThat(flow.userInfo((String) tokens.get("access_token")).statusCode()).isEqualTo(401);
        assertThat(flow.authorize(SCOPES).getPath()).isEqualTo("/signin/key");
    }

    @Test
    void aLoopbackRedirectOnAnotherPortIsRefused() throws Exception {
        OidcFlow flow = new OidcFlow(base, clientId, secret, "http://127.0.0.1:4444/callback");
        HttpResponse<String> answer = flow.get(base + "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A4444%2Fcallback&scope=openid&state=s&code_challenge="
                + OidcFlow.random() + "&code_challenge_method=S256");
        assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("4444");
        // Signed in first, so that only the redirect check stands between the request and a code.
        OidcFlow signedIn = flow();
        signIn(signedIn);
        HttpResponse<String> after = signedIn.get(base + "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A4444%2Fcallback&scope=openid&state=s&code_challenge="
                + OidcFlow.random() + "&code_challenge_method=S256");
        assertThat(after.statusCode()).isEqualTo(400);
        assertThat(after.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void discoverySaysWhatThisProviderDoes() throws Exception {
        Map<String, Object> discovery = OidcFlow.JSON.readValue(flow().get(base + "/.well-known/openid-configuration").body(),
                new TypeReference<>() { });
        assertThat(discovery.get("id_token_signing_alg_values_supported")).isEqualTo(List.of("ES256"));
        assertThat(discovery.get("grant_types_supported")).isEqualTo(List.of("authorization_code"));
        assertThat(discovery).containsEntry("backchannel_logout_supported", true).doesNotContainKey("end_session_endpoint");
        var claims = SignedJWT.parse((String) signIn(flow()).get("id_token")).getJWTClaimsSet();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000L);
    }

    @Test
    void oldAuthorizationsStayWhileTheirSignInCanStillEnd() throws Exception {
        setTime(java.time.Instant.now()); // Spring's code and token times are the machine's
        signIn(flow());
        java.util.function.Supplier<Long> rows = () -> jdbc.queryForObject(
                "SELECT count(*) FROM signin_authorization WHERE client_id = ?", Long.class, clientId);
        assertThat(rows.get()).isEqualTo(1);
        // A day and a half on, the tokens have long expired, but the running sign-in may still end: kept.
        setTime(clock.instant().plus(Duration.ofHours(36)));
        authorizations.sweep();
        assertThat(rows.get()).isEqualTo(1);
        setTime(clock.instant().plus(Duration.ofDays(2)));
        authorizations.sweep();
        assertThat(rows.get()).isZero();
    }

    @Test
    void aSignatureOverOtherTextIsRefused() throws Exception {
        OidcFlow flow = flow();
        startSignIn(flow);
        String other = signedText(flow, presence()).replace("orgcert-signin/1", "orgcert-signin/2");
        HttpResponse<String> answer = flow.answer(other, holder.token().sign(holder.pin(),
                other.getBytes(StandardCharsets.UTF_8)), certificate(), base);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("other-challenge");
    }

    @Test
    void aBrokenSignatureIsRefused() throws Exception {
        OidcFlow flow = flow();
        startSignIn(flow);
        String signed = signedText(flow, presence());
        // Signed over the challenge with another presence line than the one posted.
        byte[] signature = holder.token().sign(holder.pin(), signedText(flow, presence()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = flow.answer(signed, signature, certificate(), base);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("bad-signature");
        assertThat(flow.get(base + "/oauth2/authorize").statusCode()).isNotEqualTo(200);
    }

    @Test
    void aRevokedCertificateSignsNobodyInAtTheNextSignIn() throws Exception {
        OidcFlow first = flow();
        Map<String, Object> tokens = signIn(first);
        endings.report(holder.certificate().serial(), EndReason.LOST, TestActors.SERVICE);
        // The sign-in made with it has ended: its access token no longer works.
        assertThat(first.userInfo((String) tokens.get("access_token")).statusCode()).isEqualTo(401);

        OidcFlow next = flow();
        startSignIn(next);
        String signed = signedText(next, presence());
        HttpResponse<String> answer = next.answer(signed, holder.token().sign(holder.pin(),
                signed.getBytes(StandardCharsets.UTF_8)), certificate(), base);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("certificate-revoked");
    }

    @Test
    void aRemovedKeyEndsTheSignInAndThePlatformIsTold() throws Exception {
        OidcFlow flow = flow();
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Map<String, Object> tokens = signIn(flow, secret);
        String sid = SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet().getStringClaim("sid");

        HttpResponse<String> removed = flow.post("/api/v1/signin/key-removed",
                Map.of("presence", Base64.getUrlEncoder().withoutPadding().encodeToString(secret)), null);
        assertThat(removed.statusCode()).isEqualTo(204);

        assertThat(flow.userInfo((String) tokens.get("access_token")).statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).until(() -> !logoutTokens.isEmpty());
        var logout = SignedJWT.parse(logoutTokens.get(0)).getJWTClaimsSet();
        assertThat(logout.getStringClaim("sid")).isEqualTo(sid);
        assertThat(logout.getAudience()).containsExactly(clientId);
        assertThat(logout.getJSONObjectClaim("events")).containsKey(BackChannelLogout.EVENT);
        // The provider's session holds nobody now: the next authorization asks for the key again.
        assertThat(flow.authorize(SCOPES).getPath()).isEqualTo("/signin/key");
        // A second report ends nothing.
        assertThat(flow.post("/api/v1/signin/key-removed", Map.of("presence",
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret)), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aPlatformThatAsksForConfirmationGetsOnlyWhatTheEmployerTicked() throws Exception {
        String confirming = clientId + "c";
        String confirmingSecret = platforms.register(new PlatformRegistration(confirming, "住房公积金（测试）",
                List.of("http://127.0.0.1:9/callback"), List.of(), null, List.of("openid", "employer", "certificate"), true,
                "client_secret_basic"), ADMIN).secret();
        OidcFlow flow = new OidcFlow(base, confirming, confirmingSecret, "http://127.0.0.1:9/callback");
        startSignIn(flow, "住房公积金（测试）");
        HttpResponse<String> answer = answerWithTheKey(flow);
        Map<String, String> done = OidcFlow.JSON.readValue(answer.body(), new TypeReference<>() { });
        // The answer sends the browser straight to the confirmation page (the code waits for the employer's ticks).
        URI consent = URI.create(done.get("redirect"));
        assertThat(consent.getPath()).isEqualTo("/signin/consent");
        String page = flow.get(base + consent.getRawPath() + "?" + consent.getRawQuery()).body();
        assertThat(page).contains("住房公积金（测试）").contains("单位名称和统一社会信用代码").contains(KeyHolders.NAME);

        String state = OidcFlow.query(consent).get("state");
        HttpResponse<String> approved = flow.browser.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("client_id=" + confirming + "&state="
                        + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8) + "&scope=openid&scope=employer"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> back = OidcFlow.query(OidcFlow.location(approved));
        HttpResponse<String> tokens = flow.token(back.get("code"));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        Map<String, Object> issued = OidcFlow.JSON.readValue(tokens.body(), new TypeReference<>() { });
        var claims = SignedJWT.parse((String) issued.get("id_token")).getJWTClaimsSet();
        assertThat(claims.getStringClaim("uscc")).isEqualTo(holder.certificate().uscc().value());
        assertThat(claims.getClaims()).doesNotContainKey("cert_serial");
    }

    @Test
    void aCertificateOfAnotherCaSignsNobodyIn() throws Exception {
        // Another CA (the PKI tests' SM2 hierarchy) certifies a key we hold, for the same employer.
        var keyPair = org.orgcert.pki.algorithm.KeyAlgorithm.SM2.generateKeyPair();
        var signer = org.orgcert.pki.algorithm.PrivateKeySigner.of(keyPair);
        var csr = new org.orgcert.pki.csr.CsrParser().parse(org.orgcert.pki.csr.CsrBuilder.build(
                new org.bouncycastle.asn1.x500.X500Name("CN=t"), signer));
        byte[] foreign = new org.orgcert.pki.issue.CertificateIssuer(org.orgcert.pki.testing.TestCas.hierarchy(
                org.orgcert.pki.algorithm.KeyAlgorithm.SM2).issuing(), org.orgcert.pki.profile.CertificateProfiles.builtIn(),
                java.time.Clock.systemUTC()).issue(org.orgcert.pki.issue.IssueRequest.of(
                org.orgcert.pki.profile.CertificateProfiles.EMPLOYER_SIGNING, new org.orgcert.pki.issue.CertificateSubject
                        .Employer(holder.certificate().employerName(), holder.certificate().uscc()), csr.publicKey())).der();
        OidcFlow flow = flow();
        flow.authorize(SCOPES);
        flow.openSignInPage();
        assertThat(flow.requestChallenge(foreign, base).statusCode()).isEqualTo(200);
        String signed = signedText(flow, presence());
        HttpResponse<String> answer = flow.answer(signed, signer.sign(signed.getBytes(StandardCharsets.UTF_8)), foreign, base);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("unknown-certificate");
    }

    @Test
    void anExpiredCertificateSignsNobodyIn() throws Exception {
        OidcFlow flow = flow();
        startSignIn(flow);
        setTime(holder.certificate().notAfter().plusSeconds(1));
        HttpResponse<String> answer = answerWithTheKey(flow);
        // The challenge was made before the clock moved; by then it has also expired, which is checked first.
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("stale-challenge");

        OidcFlow again = flow();
        startSignIn(again);
        String fresh = signedText(again, presence());
        HttpResponse<String> refused = again.answer(fresh, holder.token().sign(holder.pin(),
                fresh.getBytes(StandardCharsets.UTF_8)), certificate(), base);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("certificate-expired");
    }

    @Test
    void anotherKeysSignatureIsRefused() throws Exception {
        OidcFlow flow = flow();
        startSignIn(flow);
        String signed = signedText(flow, presence());
        // Signed by another employer's key (another algorithm too), presented with this certificate.
        var other = org.orgcert.pki.algorithm.PrivateKeySigner.of(org.orgcert.pki.algorithm.KeyAlgorithm.ECDSA_P256.generateKeyPair());
        HttpResponse<String> answer = flow.answer(signed, other.sign(signed.getBytes(StandardCharsets.UTF_8)), certificate(), base);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("bad-signature");
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo() throws Exception {
        OidcFlow flow = new OidcFlow(base, clientId, secret, "https://evil.example/callback");
        HttpResponse<String> answer = flow.get(base + "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=https%3A%2F%2Fevil.example%2Fcallback&scope=openid&state=s&code_challenge="
                + OidcFlow.random() + "&code_challenge_method=S256");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aPortalSignInIsNotASignInWithTheKey() throws Exception {
        OidcFlow flow = flow();
        // A signed-in staff member's browser is still sent to the key.
        flow.get(base + "/staff/login");
        assertThat(flow.authorize(SCOPES).getPath()).isEqualTo("/signin/key");
    }

    private OidcFlow flow() {
        return new OidcFlow(base, clientId, secret, "http://127.0.0.1:9/callback");
    }

    private Map<String, Object> signIn(OidcFlow flow) throws Exception {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return signIn(flow, secret);
    }

    private Map<String, Object> signIn(OidcFlow flow, byte[] presenceSecret) throws Exception {
        startSignIn(flow);
        String signed = signedText(flow, SignInEndings.presenceHash(presenceSecret));
        HttpResponse<String> answer = flow.answer(signed, holder.token().sign(holder.pin(),
                signed.getBytes(StandardCharsets.UTF_8)), certificate(), base);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, String> done = OidcFlow.JSON.readValue(answer.body(), new TypeReference<>() { });
        String code = flow.code(done.get("redirect"));
        HttpResponse<String> tokens = flow.token(code);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return OidcFlow.JSON.readValue(tokens.body(), new TypeReference<>() { });
    }

    private void startSignIn(OidcFlow flow) throws Exception {
        startSignIn(flow, "昆明智慧就业（测试）");
    }

    private void startSignIn(OidcFlow flow, String platformName) throws Exception {
        URI signInPage = flow.authorize(SCOPES);
        assertThat(signInPage.getPath()).isEqualTo("/signin/key");
        assertThat(flow.openSignInPage()).contains(platformName);
        HttpResponse<String> challenge = flow.requestChallenge(certificate(), base);
        assertThat(challenge.statusCode()).as(challenge.body()).isEqualTo(200);
    }

    /** The page's answer after the assistant signed the challenge with the holder's key (a fresh presence line). */
    private HttpResponse<String> answerWithTheKey(OidcFlow flow) throws Exception {
        String signed = signedText(flow, presence());
        return flow.answer(signed, holder.token().sign(holder.pin(), signed.getBytes(StandardCharsets.UTF_8)),
                certificate(), base);
    }

    private String signedText(OidcFlow flow, String presenceHash) {
        return flow.challenge.get("challenge") + "\npresence: " + presenceHash;
    }

    private static String presence() throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(OidcFlow.random().getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] certificate() {
        return holder.certificate().der();
    }

    private long audited(String action) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = ?", Long.class, action);
    }
}
