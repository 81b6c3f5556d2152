package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.TestTokens;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.Signatures;
import org.orgcert.token.UnblockChallenge;
import tools.jackson.databind.JsonNode;

/** The local API over real HTTP on a real software token. */
class LocalApiTest {
    private static final String PAGE = "https://zhjy.example.cn";
    private static final String PIN = new String(TestTokens.PIN);
    private static final String WRONG_PIN = "Wrong-Secret-77";
    private static final String NEW_PIN = "Kunming-2468";

    @TempDir
    Path dir;
    private Made made;
    private LocalApi api;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        made = TestTokens.personalised(Kind.SOFTWARE, dir);
        // nothing listens on port 9: renewal through the service fails as unreachable
        ServiceClient service = new ServiceClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2));
        api = LocalApi.start(0, AllowedOrigins.of(List.of(PAGE, "http://localhost:8080")), made.source(),
                KeyAssistant.systemClock(), service, Clock.systemUTC(), log::add);
    }

    @AfterEach
    void stop() {
        api.close();
        // whatever happened in the test, no PIN or unblock response reached a response or the log
        for (String text : concat(bodies, log)) {
            assertThat(text).doesNotContain(PIN, WRONG_PIN, NEW_PIN);
        }
    }

    @Test
    void listensOn127001Only() throws IOException {
        InetSocketAddress address = api.address();
        assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        if (external.isPresent()) {
            assertThatThrownBy(() -> new Socket(external.get(), address.getPort()).close())
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(get("/v1/token", PAGE).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenInfoForTheAllowedOriginOnlyWithCorsForItAlone() throws Exception {
        HttpResponse<String> info = get("/v1/token", PAGE);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.headers().firstValue("Access-Control-Allow-Origin")).contains(PAGE);
        assertThat(info.headers().firstValue("Vary")).contains("Origin");
        assertThat(info.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode json = json(info);
        assertThat(json.path("tokenSerial").asString()).isEqualTo(made.serial());
        assertThat(json.path("state").asString()).isEqualTo("PERSONALISED");
        assertThat(json.path("retriesLeft").asInt()).isEqualTo(6);
        assertThat(json.path("unblockCodesLeft").asInt()).isEqualTo(8);
        assertThat(json.path("certificate").path("subject").asString()).contains(TestTokens.EMPLOYER);
        assertThat(json.path("certificate").path("renewalOpen").asBoolean()).isFalse();

        for (String origin : new String[] {null, "https://evil.example", "https://zhjy.example.cn.evil.example",
                "https://zhjy.example.cn:443", "http://zhjy.example.cn", "null"}) {
            HttpResponse<String> refused = get("/v1/token", origin);
            assertThat(refused.statusCode()).as(String.valueOf(origin)).isEqualTo(403);
            assertThat(json(refused).path("error").asString()).isEqualTo("origin-not-allowed");
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThat(log).anyMatch(line -> line.equals("GET /v1/token 403 origin-not-allowed"));
    }

    @Test
    void preflightIsAnsweredForTheAllowedOriginOnly() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri("/v1/sign"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", PAGE)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .header("Access-Control-Request-Private-Network", "true").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("Content-Type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Private-Network")).contains("true");

        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(uri("/v1/sign"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void hostOtherThanLoopbackIsRefusedAgainstDnsRebinding() throws IOException {
        String answer = raw("GET /v1/token HTTP/1.1\r\nHost: zhjy.example.cn.evil.example:" + api.address().getPort()
                + "\r\nOrigin: " + PAGE + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403").contains("host-not-allowed");
    }

    @Test
    void signReturnsASignatureTheCertificateVerifies_R_CERT_2() throws Exception {
        byte[] data = "relying platform login 42".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> signed = post("/v1/sign", "{\"pin\":\"" + PIN + "\",\"data\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}");
        assertThat(signed.statusCode()).isEqualTo(200);
        JsonNode json = json(signed);
        byte[] certificate = Base64.getDecoder().decode(json.path("certificate").asString());
        assertThat(certificate).isEqualTo(made.certificate());
        byte[] spki = new X509CertificateHolder(certificate).getSubjectPublicKeyInfo().getEncoded();
        var key = KeyFactory.getInstance(Kind.SOFTWARE.algorithm().keyType(), Pki.provider())
                .generatePublic(new X509EncodedKeySpec(spki));
        assertThat(Signatures.verify(key, data, Base64.getDecoder().decode(json.path("signature").asString()))).isTrue();
    }

    @Test
    void wrongPinSaysTriesLeftThenLockedAndNeverEchoesThePin_R_CERT_2() throws Exception {
        String body = "{\"pin\":\"" + WRONG_PIN + "\",\"data\":\"AQID\"}";
        for (int left = 5; left >= 0; left--) {
            HttpResponse<String> wrong = post("/v1/sign", body);
            assertThat(wrong.statusCode()).isEqualTo(401);
            JsonNode json = json(wrong);
            assertThat(json.path("error").asString()).isEqualTo("wrong-pin");
            assertThat(json.path("retriesLeft").asInt()).isEqualTo(left);
            assertThat(json.path("detail").asString()).isNotBlank();
        }
        HttpResponse<String> locked = post("/v1/sign", "{\"pin\":\"" + PIN + "\",\"data\":\"AQID\"}");
        assertThat(locked.statusCode()).isEqualTo(423);
        assertThat(json(locked).path("error").asString()).isEqualTo("locked");
        assertThat(json(get("/v1/token", PAGE)).path("state").asString()).isEqualTo("LOCKED");

        // bodies that do not parse or have unknown fields are refused without quoting them
        for (String bad : new String[] {"{\"pin\":\"" + WRONG_PIN + "\",", "{\"pin\":\"" + WRONG_PIN + "\",\"x\":\"1\"}",
                "{\"pin\":[\"" + WRONG_PIN + "\"]}", "[\"" + WRONG_PIN + "\"]",
                "{\"pin\":\"" + WRONG_PIN + "\",\"pin\":\"" + WRONG_PIN + "\",\"data\":\"AQID\"}"}) {
            HttpResponse<String> refused = post("/v1/sign", bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(refused).path("error").asString()).isEqualTo("bad-request");
        }
        assertThat(log).contains("POST /v1/sign 401 wrong-pin", "POST /v1/sign 423 locked");
    }

    @Test
    void lockedTokenUnblocksThroughTheApiWithTheBureausResponse_R_FEE_1_d() throws Exception {
        for (int i = 0; i < 6; i++) {
            post("/v1/sign", "{\"pin\":\"" + WRONG_PIN + "\",\"data\":\"AQID\"}");
        }
        JsonNode challenge = json(get("/v1/unblock-challenge", PAGE));
        assertThat(challenge.path("tokenSerial").asString()).isEqualTo(made.serial());
        String response = TestTokens.AUTHORITY.respond(made.serial(),
                UnblockChallenge.parse(challenge.path("challenge").asString())).text();

        HttpResponse<String> policy = post("/v1/unblock", "{\"response\":\"" + response + "\",\"newPin\":\"short\"}");
        assertThat(policy.statusCode()).isEqualTo(400);
        assertThat(json(policy).path("error").asString()).isEqualTo("pin-policy");

        HttpResponse<String> unblocked = post("/v1/unblock", "{\"response\":\"" + response + "\",\"newPin\":\""
                + NEW_PIN + "\"}");
        assertThat(unblocked.statusCode()).isEqualTo(200);
        assertThat(json(unblocked).path("state").asString()).isEqualTo("PERSONALISED");
        assertThat(json(unblocked).path("retriesLeft").asInt()).isEqualTo(6);
        assertThat(json(unblocked).path("unblockCodesLeft").asInt()).isEqualTo(7);

        HttpResponse<String> again = post("/v1/unblock", "{\"response\":\"" + response + "\",\"newPin\":\"" + NEW_PIN
                + "\"}");
        assertThat(json(again).path("error").asString()).isEqualTo("wrong-unblock-response");
        assertThat(post("/v1/sign", "{\"pin\":\"" + NEW_PIN + "\",\"data\":\"AQID\"}").statusCode()).isEqualTo(200);
        for (String text : concat(bodies, log)) {
            assertThat(text).doesNotContain(response);
        }
    }

    @Test
    void changePinCountsAWrongOldPin_R_CERT_2() throws Exception {
        HttpResponse<String> wrong = post("/v1/pin", "{\"oldPin\":\"" + WRONG_PIN + "\",\"newPin\":\"" + NEW_PIN + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("retriesLeft").asInt()).isEqualTo(5);
        HttpResponse<String> changed = post("/v1/pin", "{\"oldPin\":\"" + PIN + "\",\"newPin\":\"" + NEW_PIN + "\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).path("changed").asBoolean()).isTrue();
        assertThat(post("/v1/sign", "{\"pin\":\"" + NEW_PIN + "\",\"data\":\"AQID\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void certificateForAnotherKeyIsRefused_R_CERT_2() throws Exception {
        Made other = TestTokens.personalised(Kind.SOFTWARE, dir);
        HttpResponse<String> refused = post("/v1/certificate", "{\"pin\":\"" + PIN + "\",\"certificate\":\""
                + Base64.getEncoder().encodeToString(other.certificate()) + "\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("error").asString()).isEqualTo("certificate-mismatch");
        assertThat(json(get("/v1/token", PAGE)).path("retriesLeft").asInt()).isEqualTo(6);

        HttpResponse<String> same = post("/v1/certificate", "{\"pin\":\"" + PIN + "\",\"certificate\":\""
                + Base64.getEncoder().encodeToString(made.certificate()) + "\"}");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(json(same).path("subject").asString()).contains(TestTokens.EMPLOYER);
    }

    @Test
    void renewalWithoutTheServiceIsABadGateway_R_REN_2() throws Exception {
        HttpResponse<String> renew = post("/v1/renew", "{\"pin\":\"" + PIN + "\"}");
        assertThat(renew.statusCode()).isEqualTo(502);
        assertThat(json(renew).path("error").asString()).isEqualTo("service-unreachable");
        assertThat(json(get("/v1/token", PAGE)).path("retriesLeft").asInt()).as("the PIN was never tried").isEqualTo(6);
    }

    @Test
    void fetchingASuccessorWithoutTheServiceIsABadGateway_R_FEE_1_c() throws Exception {
        HttpResponse<String> fetch = post("/v1/fetch-successor", "{\"pin\":\"" + PIN + "\"}");
        assertThat(fetch.statusCode()).isEqualTo(502);
        assertThat(json(fetch).path("error").asString()).isEqualTo("service-unreachable");
        assertThat(json(get("/v1/token", PAGE)).path("certificate").path("der").asString())
                .as("the token keeps its certificate").isEqualTo(Base64.getEncoder().encodeToString(made.certificate()));
    }

    @Test
    void bodiesAreCappedAt64KiBDeclaredOrChunked() throws Exception {
        String big = "{\"pin\":\"" + PIN + "\",\"data\":\"" + "A".repeat(LocalApi.MAX_BODY) + "\"}";
        HttpResponse<String> declared = post("/v1/sign", big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).path("error").asString()).isEqualTo("body-too-large");

        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/v1/sign")).header("Origin", PAGE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(chunked.body());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(json(get("/v1/token", PAGE)).path("retriesLeft").asInt()).isEqualTo(6);
    }

    @Test
    void postsMustBeJsonWithoutQueryAndUnknownPathsAre404() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/v1/sign")).header("Origin", PAGE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("pin=" + PIN)).build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(form.body());
        assertThat(form.statusCode()).isEqualTo(415);

        HttpResponse<String> query = get("/v1/token?pin=" + WRONG_PIN, PAGE);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(log).noneMatch(line -> line.contains("?"));

        assertThat(get("/v1/nothing", PAGE).statusCode()).isEqualTo(404);
        HttpResponse<String> method = get("/v1/sign", PAGE);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).contains("POST, OPTIONS");
    }

    // ---- helpers ----

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.address().getPort() + path);
    }

    private HttpResponse<String> get(String path, String origin) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).header("Origin", PAGE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            bodies.add(response.body());
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), api.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(answer);
            return answer;
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return Json.MAPPER.readTree(response.body());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
