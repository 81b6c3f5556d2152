package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.orgcert.key.local.HttpCalls.json;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.TestClock;
import org.orgcert.key.TestTokens;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.PresenceSecret;
import org.orgcert.key.signin.SignIns;
import org.orgcert.key.signin.TestChallenges;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.Signatures;
import tools.jackson.databind.JsonNode;

/**
 * Signing in to a relying platform with the key (R-USE-1..3, docs/signin.md) through the local API and the
 * assistant's confirm page, over real HTTP on a real software token: every refusal, and no PIN or presence secret
 * in any answer or console line.
 */
class SignInApiTest {
    private static final String PLATFORM = "https://zhjy.example.cn";
    private static final String OTHER_PLATFORM = "https://gjj.example.cn";
    private static final String EVIL = "https://evil.example";
    /** The bureau's own site: the whole API. */
    private static final String SERVICE = "https://orgcert.example.gov.cn";
    private static final String PIN = new String(TestTokens.PIN);
    private static final String WRONG_PIN = "Wrong-Secret-77";

    @TempDir
    Path dir;
    private Made made;
    private LocalApi api;
    private SignIns signIns;
    private ServiceClient service;
    private HttpCalls calls;
    private final TestClock clock = TestClock.now();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        made = TestTokens.personalised(Kind.SOFTWARE, dir);
        signIns = new SignIns(clock);
        service = new ServiceClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2));
        startApi(PeerUser.system());
    }

    /** (Re)starts the API, telling whose each connection is with {@code peers}. */
    private void startApi(PeerUser peers) throws IOException {
        if (api != null) {
            api.close();
        }
        api = LocalApi.start(0, OriginPolicy.fixed(AllowedOrigins.of(List.of(SERVICE)), List.of(PLATFORM,
                OTHER_PLATFORM)), made.source(), new KeyAssistant(clock), service, clock, log::add, signIns, peers);
        calls = new HttpCalls(api.address().getPort());
    }

    @AfterEach
    void stop() {
        api.close();
        for (String text : everything()) {
            assertThat(text).doesNotContain(PIN, WRONG_PIN);
        }
    }

    @Test
    void aConfirmedSignInIsTheChallengeWithAPresenceLineSignedByTheKey_R_USE_1() throws Exception {
        String challenge = challenge(PLATFORM, clock.instant());
        HttpResponse<String> asked = ask(PLATFORM, challenge, "昆明智慧就业");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(asked.headers().firstValue("Access-Control-Allow-Origin")).contains(PLATFORM);
        String id = json(asked).path("requestId").asString();
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(json(asked).path("confirmUrl").asString()).isEqualTo(calls.own() + "/confirm/" + id);
        assertThat(Instant.parse(json(asked).path("expiresAt").asString())).isEqualTo(clock.instant().plusSeconds(120));
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("PENDING");
        assertThat(result(id, PLATFORM).has("signedText")).isFalse();

        HttpResponse<String> page = calls.get("/confirm/" + id, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<p class=\"origin\">" + PLATFORM + "</p>", "昆明智慧就业", TestTokens.EMPLOYER,
                "PIN码", "确认登录", "拒绝", TestChallenges.PLATFORM);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'", "form-action 'self'").doesNotContain("script-src"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");

        HttpResponse<String> confirmed = confirm(id, page, PIN);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("已经确认登录 " + PLATFORM);

        JsonNode signed = result(id, PLATFORM);
        assertThat(signed.path("state").asString()).isEqualTo("SIGNED");
        String text = signed.path("signedText").asString();
        assertThat(text).startsWith(challenge + "\npresence: ").matches("(?s).*\npresence: [A-Za-z0-9_-]{43}");
        byte[] certificate = Base64.getDecoder().decode(signed.path("certificate").asString());
        assertThat(certificate).isEqualTo(made.certificate());
        assertThat(verifies(certificate, text, Base64.getDecoder().decode(signed.path("signature").asString())))
                .isTrue();

        // the presence line is the SHA-256 of the secret the assistant keeps for when the key is removed
        List<PresenceSecret> secrets = signIns.keyRemoved();
        assertThat(secrets).hasSize(1);
        char[] secret = secrets.get(0).encoded();
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(Base64.getUrlDecoder().decode(new String(secret))));
        assertThat(text).endsWith("\npresence: " + hash);
        assertThat(secrets.get(0).toString()).doesNotContain(new String(secret));
        for (String seen : everything()) {
            assertThat(seen).doesNotContain(new String(secret));
        }

        HttpResponse<String> status = calls.get("/", null);
        assertThat(status.body()).contains("最近批准的登录", "昆明智慧就业", PLATFORM);
    }

    @Test
    void aPageOfAnUnlistedOriginCannotAsk_R_USE_2() throws Exception {
        HttpResponse<String> refused = ask(EVIL, challenge(EVIL, clock.instant()), "Evil");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("error").asString()).isEqualTo("origin-not-allowed");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        logged("POST /v1/signin 403 origin-not-allowed");
    }

    @Test
    void aChallengeMadeForAnotherOriginIsRefused_R_USE_2() throws Exception {
        HttpResponse<String> refused = ask(PLATFORM, challenge(OTHER_PLATFORM, clock.instant()), "昆明智慧就业");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("error").asString()).isEqualTo("origin-mismatch");
    }

    @Test
    void aChallengeForAnotherCertificateIsRefused_R_USE_2() throws Exception {
        Made other = TestTokens.personalised(Kind.SOFTWARE, dir);
        HttpResponse<String> refused = ask(PLATFORM, TestChallenges.challenge(PLATFORM, other.certificate(),
                clock.instant()), "昆明智慧就业");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("error").asString()).isEqualTo("certificate-mismatch");
    }

    @Test
    void aChallengeMoreThanFiveMinutesFromTheClockIsStale_R_USE_2() throws Exception {
        for (Duration off : List.of(Duration.ofMinutes(-6), Duration.ofMinutes(6))) {
            HttpResponse<String> refused = ask(PLATFORM, challenge(PLATFORM, clock.instant().plus(off)), "昆明智慧就业");
            assertThat(refused.statusCode()).as(off.toString()).isEqualTo(409);
            assertThat(json(refused).path("error").asString()).isEqualTo("stale-challenge");
        }
        assertThat(ask(PLATFORM, challenge(PLATFORM, clock.instant().minus(Duration.ofMinutes(4))), "昆明智慧就业")
                .statusCode()).isEqualTo(202);
    }

    @Test
    void aMalformedChallengeOrPlatformNameIsRefused_R_USE_2() throws Exception {
        String good = challenge(PLATFORM, clock.instant());
        for (String bad : List.of("hello", good + "\n", good.replace("orgcert-signin/1", "orgcert-signin/2"),
                good + "\npresence: AAAA")) {
            HttpResponse<String> refused = ask(PLATFORM, bad, "昆明智慧就业");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).path("error").asString()).isEqualTo("malformed-challenge");
        }
        for (String name : List.of("", "   ", "\u202Ensc.vog.nc", "a\nb", "x".repeat(65))) {
            HttpResponse<String> refused = ask(PLATFORM, good, name);
            assertThat(refused.statusCode()).as(name).isEqualTo(400);
            assertThat(json(refused).path("error").asString()).isIn("bad-platform-name", "bad-request");
        }
        HttpResponse<String> missing = calls.postJson("/v1/signin", PLATFORM, json("challenge", good));
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void theNameAPageGivesIsShownAsTextNeverAsMarkup() throws Exception {
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "<b onclick=x>\"平台\"</b>"))
                .path("requestId").asString();
        String page = calls.get("/confirm/" + id, null).body();
        assertThat(page).contains("&lt;b onclick=x&gt;&quot;平台&quot;&lt;/b&gt;").doesNotContain("<b onclick");
    }

    @Test
    void aWrongPinCountsATryAndSaysHowManyAreLeft_R_USE_3() throws Exception {
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        HttpResponse<String> page = calls.get("/confirm/" + id, null);
        HttpResponse<String> wrong = confirm(id, page, WRONG_PIN);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("PIN码不对，还可以再试5次", "确认登录").doesNotContain("wrong-pin");
        assertThat(json(calls.get("/v1/token", PLATFORM)).path("retriesLeft").asInt()).isEqualTo(5);
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("PENDING");
        assertThat(log).anyMatch(line -> line.equals("POST /confirm/" + id + " 401 wrong-pin"));

        // the page answered with a new form: the right PIN now signs
        assertThat(confirm(id, wrong, PIN).statusCode()).isEqualTo(200);
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("SIGNED");
        assertThat(json(calls.get("/v1/token", PLATFORM)).path("retriesLeft").asInt()).isEqualTo(6);
    }

    @Test
    void theEmployerCanRefuse_R_USE_3() throws Exception {
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        HttpResponse<String> page = calls.get("/confirm/" + id, null);
        HttpResponse<String> refused = calls.postForm("/confirm/" + id, calls.own(), "csrf", HttpCalls.csrf(page.body()),
                "action", "refuse");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("已经拒绝");
        JsonNode result = result(id, PLATFORM);
        assertThat(result.path("state").asString()).isEqualTo("REFUSED");
        assertThat(result.has("signature")).isFalse();
        HttpResponse<String> again = calls.get("/confirm/" + id, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("已经拒绝了").doesNotContain("name=\"pin\"");
        assertThat(signIns.presenceSecretsKept()).isZero();
    }

    @Test
    void aRequestNotConfirmedWithinTwoMinutesExpires_R_USE_3() throws Exception {
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        HttpResponse<String> page = calls.get("/confirm/" + id, null);
        clock.advance(Duration.ofMinutes(2));
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("EXPIRED");
        HttpResponse<String> late = confirm(id, page, PIN);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("已经处理过，或者已经过期");
        assertThat(calls.get("/confirm/" + id, null).body()).contains("已经过期");
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("EXPIRED");
        // forgotten later altogether
        clock.advance(Duration.ofMinutes(10));
        assertThat(calls.get("/v1/signin/" + id, PLATFORM).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyTheOriginThatAskedReadsTheResult_R_USE_2() throws Exception {
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        confirm(id, calls.get("/confirm/" + id, null), PIN);
        HttpResponse<String> other = calls.get("/v1/signin/" + id, OTHER_PLATFORM);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).path("error").asString()).isEqualTo("not-found");
        assertThat(other.body()).doesNotContain("signature");
        HttpResponse<String> evil = calls.get("/v1/signin/" + id, EVIL);
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(calls.get("/v1/signin/" + id, null).statusCode()).isEqualTo(403);
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("SIGNED");
        assertThat(calls.get("/v1/signin/unknown", PLATFORM).statusCode()).isEqualTo(404);
    }

    @Test
    void aPlatformMayOnlyReadTheTokenAndSignInWhateverPinItsPageCollected_R_USE_2() throws Exception {
        String pin = json("pin", PIN, "data", "AQID");
        for (String[] call : new String[][] {{"/v1/sign", pin}, {"/v1/pin", json("oldPin", PIN, "newPin", WRONG_PIN)},
                {"/v1/renew", json("pin", PIN)}, {"/v1/fetch-successor", json("pin", PIN)},
                {"/v1/certificate", json("pin", PIN, "certificate", "AQID")},
                {"/v1/unblock", json("response", "x", "newPin", WRONG_PIN)},
                {"/v1/unlock", json("requestId", "1", "responseKeyHash", "x", "newPin", WRONG_PIN)}}) {
            HttpResponse<String> refused = calls.postJson(call[0], PLATFORM, call[1]);
            assertThat(refused.statusCode()).as(call[0]).isEqualTo(403);
            assertThat(json(refused).path("error").asString()).isEqualTo("origin-not-allowed");
        }
        assertThat(calls.get("/v1/unblock-challenge", PLATFORM).statusCode()).isEqualTo(403);
        assertThat(json(calls.get("/v1/token", PLATFORM)).path("retriesLeft").asInt()).as("no PIN was tried")
                .isEqualTo(6);
        // the bureau's own pages use the whole API
        assertThat(calls.postJson("/v1/sign", SERVICE, pin).statusCode()).isEqualTo(200);
        assertThat(calls.get("/v1/unblock-challenge", SERVICE).statusCode()).isEqualTo(200);
    }

    @Test
    void atMostThreeRequestsWaitAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业").statusCode()).isEqualTo(202);
        }
        HttpResponse<String> more = ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业");
        assertThat(more.statusCode()).isEqualTo(429);
        assertThat(json(more).path("error").asString()).isEqualTo("too-many-pending");
        clock.advance(Duration.ofMinutes(2));
        assertThat(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业").statusCode()).isEqualTo(202);
    }

    @Test
    void theConfirmFormIsRefusedFromAnywhereButTheAssistantsOwnPage_R_USE_3() throws Exception {
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        String path = "/confirm/" + id;
        String csrf = HttpCalls.csrf(calls.get(path, null).body());
        String statusCsrf = HttpCalls.csrf(calls.get("/", null).body());
        // another site's form (its Origin), a form without Origin, a page of the platform itself, a cross-site fetch
        for (String origin : new String[] {EVIL, null, PLATFORM, "null", "http://localhost:1"}) {
            HttpResponse<String> refused = calls.postForm(path, origin, "csrf", csrf, "pin", PIN, "action", "confirm");
            assertThat(refused.statusCode()).as(String.valueOf(origin)).isEqualTo(403);
            assertThat(refused.body()).contains("为安全起见").doesNotContain("origin-not-allowed");
        }
        assertThat(calls.postForm(path, calls.own(), Map.of("Sec-Fetch-Site", "cross-site"), "csrf", csrf, "pin", PIN,
                "action", "confirm").statusCode()).isEqualTo(403);
        // the own origin without the page's token, with another page's token, with a made-up one
        for (String token : new String[] {"", statusCsrf, "A".repeat(43)}) {
            HttpResponse<String> refused = calls.postForm(path, calls.own(), "csrf", token, "pin", PIN, "action",
                    "confirm");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("页面已经过期");
        }
        HttpResponse<String> noToken = calls.postForm(path, calls.own(), "pin", PIN, "action", "confirm");
        assertThat(noToken.statusCode()).isEqualTo(403);
        // a JSON body is no form
        assertThat(calls.postJson(path, calls.own(), json("csrf", csrf, "pin", PIN, "action", "confirm")).statusCode())
                .isEqualTo(415);
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("PENDING");
        assertThat(json(calls.get("/v1/token", PLATFORM)).path("retriesLeft").asInt()).as("no PIN was tried")
                .isEqualTo(6);

        // the page's own form, once
        assertThat(calls.postForm(path, calls.own(), "csrf", csrf, "pin", PIN, "action", "confirm").statusCode())
                .isEqualTo(200);
        assertThat(calls.postForm(path, calls.own(), "csrf", csrf, "pin", PIN, "action", "confirm").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aPinSessionConfirmsWithoutThePinUntilClosedOrOver_R_USE_3() throws Exception {
        HttpResponse<String> wrong = calls.postForm("/pin-session", calls.own(), "csrf",
                HttpCalls.csrf(calls.get("/", null).body()), "pin", WRONG_PIN);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("还可以再试5次");
        assertThat(signIns.pinSession().openUntil(clock.instant())).isEmpty();

        HttpResponse<String> opened = calls.postForm("/pin-session", calls.own(), "csrf", HttpCalls.csrf(wrong.body()),
                "pin", PIN);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("PIN会话已经打开", "关闭PIN会话");
        assertThat(json(calls.get("/v1/token", PLATFORM)).path("retriesLeft").asInt()).isEqualTo(6);

        // These calls are this test's own, the same OS user as the assistant's (PeerUser), so the session confirms
        // without the PIN. Another user's program sending the same headers is refused:
        // anotherOsUsersProgramIsRefusedEvenDuringAPinSession_R_USE_3.
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        HttpResponse<String> page = calls.get("/confirm/" + id, null);
        assertThat(page.body()).contains("不用输入PIN码").doesNotContain("name=\"pin\"");
        assertThat(calls.postForm("/confirm/" + id, calls.own(), "csrf", HttpCalls.csrf(page.body()), "action",
                "confirm").statusCode()).isEqualTo(200);
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("SIGNED");

        // closed by the employer: the PIN is asked again
        HttpResponse<String> closed = calls.postForm("/pin-session/close", calls.own(), "csrf",
                HttpCalls.csrf(calls.get("/", null).body()));
        assertThat(closed.body()).contains("PIN会话已经关闭");
        String second = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId")
                .asString();
        HttpResponse<String> asked = calls.get("/confirm/" + second, null);
        assertThat(asked.body()).contains("name=\"pin\"");
        HttpResponse<String> withoutPin = calls.postForm("/confirm/" + second, calls.own(), "csrf",
                HttpCalls.csrf(asked.body()), "action", "confirm");
        assertThat(withoutPin.statusCode()).isEqualTo(409);
        assertThat(withoutPin.body()).contains("请输入PIN码");

        // over after 30 minutes
        calls.postForm("/pin-session", calls.own(), "csrf", HttpCalls.csrf(calls.get("/", null).body()), "pin", PIN);
        assertThat(signIns.pinSession().openUntil(clock.instant())).isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(signIns.pinSession().openUntil(clock.instant())).isEmpty();
        assertThat(calls.get("/", null).body()).contains("打开PIN会话");
    }

    @Test
    void anotherOsUsersProgramIsRefusedEvenDuringAPinSession_R_USE_3() throws Exception {
        assumeTrue(PeerUser.ownUid(Path.of("/proc/self/status")).equals(OptionalLong.of(0)),
                "needs root, to act as the user nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "runuser is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        assertThat(calls.postForm("/pin-session", calls.own(), "csrf", HttpCalls.csrf(calls.get("/", null).body()),
                "pin", PIN).statusCode()).isEqualTo(200);

        // the user nobody, with every header a browser on the right page would send
        Answer token = asNobody("/v1/token", "-H", "Origin: " + PLATFORM);
        assertThat(token.status()).isEqualTo(403);
        assertThat(token.body()).contains("\"error\":\"other-user\"").doesNotContain("tokenSerial");
        assertThat(token.headers()).doesNotContainIgnoringCase("Access-Control-Allow-Origin");
        Answer asked = asNobody("/v1/signin", "-H", "Origin: " + PLATFORM, "-H", "Content-Type: application/json",
                "--data-binary", json("challenge", challenge(PLATFORM, clock.instant()), "platformName", "x"));
        assertThat(asked.status()).isEqualTo(403);
        assertThat(asked.body()).contains("other-user");

        // a sign-in the employer's platform asked for; even with the confirm page's form token, nobody cannot confirm
        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        String csrf = HttpCalls.csrf(calls.get("/confirm/" + id, null).body());
        assertThat(asNobody("/confirm/" + id).status()).isEqualTo(403);
        Answer confirmed = asNobody("/confirm/" + id, "-H", "Origin: " + calls.own(), "-H", "Sec-Fetch-Site: same-origin",
                "--data", "csrf=" + csrf + "&action=confirm");
        assertThat(confirmed.status()).isEqualTo(403);
        assertThat(confirmed.body()).contains("另一个用户").doesNotContain("已经确认登录");
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("PENDING");
        assertThat(signIns.presenceSecretsKept()).isZero();
        logged("GET /v1/token 403 other-user", "POST /v1/signin 403 other-user",
                "GET /confirm/" + id + " 403 other-user", "POST /confirm/" + id + " 403 other-user");

        // refused before the form was read: its token is still good for the employer's own page
        assertThat(calls.postForm("/confirm/" + id, calls.own(), "csrf", csrf, "action", "confirm").statusCode())
                .isEqualTo(200);
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("SIGNED");
    }

    @Test
    void whereWhoseConnectionCannotBeToldThePinIsAskedDespiteAPinSession_R_USE_3() throws Exception {
        // as on Windows, or with /proc unreadable: no own uid, no tables
        startApi(new PeerUser(dir.resolve("no-proc"), OptionalLong.empty(), ByteOrder.nativeOrder()));
        assertThat(calls.get("/v1/token", PLATFORM).statusCode()).isEqualTo(200);
        assertThat(calls.postForm("/pin-session", calls.own(), "csrf", HttpCalls.csrf(calls.get("/", null).body()),
                "pin", PIN).statusCode()).isEqualTo(200);
        assertThat(signIns.pinSession().openUntil(clock.instant())).isPresent();

        String id = json(ask(PLATFORM, challenge(PLATFORM, clock.instant()), "昆明智慧就业")).path("requestId").asString();
        HttpResponse<String> page = calls.get("/confirm/" + id, null);
        assertThat(page.body()).contains("name=\"pin\"").doesNotContain("不用输入PIN码");
        HttpResponse<String> withoutPin = calls.postForm("/confirm/" + id, calls.own(), "csrf",
                HttpCalls.csrf(page.body()), "action", "confirm");
        assertThat(withoutPin.statusCode()).isEqualTo(409);
        assertThat(withoutPin.body()).contains("在这台电脑上确认登录要输入PIN码", "name=\"pin\"");
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("PENDING");
        assertThat(json(calls.get("/v1/token", PLATFORM)).path("retriesLeft").asInt()).isEqualTo(6);
        logged("POST /confirm/" + id + " 409 pin-required");

        assertThat(confirm(id, withoutPin, PIN).statusCode()).isEqualTo(200);
        assertThat(result(id, PLATFORM).path("state").asString()).isEqualTo("SIGNED");
    }

    // ---- helpers ----

    /** Waits for console lines: the API writes a request's line just after the answer went out. */
    private void logged(String... lines) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log).contains(lines));
    }

    /** What curl got: status, headers, body. */
    private record Answer(int status, String headers, String body) {
    }

    /**
     * curl run as the OS user nobody, to {@code path} of the assistant: another local user's program, which sends
     * whatever headers it likes.
     */
    private Answer asNobody(String path, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "curl", "-sS", "-D", "-",
                "-w", "\n%{http_code}"));
        command.addAll(List.of(options));
        command.add(calls.uri(path).toString());
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).directory(new java.io.File("/")).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(out).isZero();
        calls.answers.add(out);
        int split = out.indexOf("\r\n\r\n");
        int last = out.lastIndexOf('\n');
        return new Answer(Integer.parseInt(out.substring(last + 1).strip()), out.substring(0, split),
                out.substring(split + 4, last));
    }

    private String challenge(String origin, Instant time) {
        return TestChallenges.challenge(origin, made.certificate(), time);
    }

    private HttpResponse<String> ask(String origin, String challenge, String platformName) throws IOException {
        return calls.postJson("/v1/signin", origin, json("challenge", challenge, "platformName", platformName));
    }

    private JsonNode result(String id, String origin) throws IOException {
        HttpResponse<String> response = calls.get("/v1/signin/" + id, origin);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> confirm(String id, HttpResponse<String> page, String pin) throws IOException {
        return calls.postForm("/confirm/" + id, calls.own(), "csrf", HttpCalls.csrf(page.body()), "pin", pin, "action",
                "confirm");
    }

    private static boolean verifies(byte[] certificate, String text, byte[] signature) throws Exception {
        byte[] spki = new X509CertificateHolder(certificate).getSubjectPublicKeyInfo().getEncoded();
        var key = KeyFactory.getInstance(Kind.SOFTWARE.algorithm().keyType(), Pki.provider())
                .generatePublic(new X509EncodedKeySpec(spki));
        return Signatures.verify(key, text.getBytes(StandardCharsets.UTF_8), signature);
    }

    private List<String> everything() {
        List<String> all = new ArrayList<>(calls.answers);
        all.addAll(log);
        return all;
    }
}
