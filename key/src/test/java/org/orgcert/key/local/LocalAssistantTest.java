package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orgcert.key.local.HttpCalls.json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.key.TestTokens;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.key.TokenSource;
import org.orgcert.key.service.FakeProvider;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.TestChallenges;
import tools.jackson.databind.JsonNode;

/**
 * The assistant as {@code serve} runs it, against a fake provider: the registered origins, and pulling the key out
 * signs the employer out (the provider is told each presence secret), never logging a secret (R-USE-3).
 */
class LocalAssistantTest {
    private static final String PLATFORM = "https://zhjy.example.cn";
    private static final String PIN = new String(TestTokens.PIN);

    @TempDir
    Path dir;
    private Made made;
    private Path tokenFile;
    private FakeProvider provider;
    private LocalAssistant assistant;
    private HttpCalls calls;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        made = TestTokens.personalised(Kind.SOFTWARE, dir);
        tokenFile = ((TokenSource.Software) made.source()).tokenFile();
        provider = FakeProvider.start();
        provider.listOrigins("{\"origins\":[\"" + PLATFORM + "\"]}");
        assistant = LocalAssistant.start(0, List.of("https://extra.example.cn"), made.source(),
                new ServiceClient(provider.url(), Duration.ofSeconds(5)), Clock.systemUTC(), Duration.ofMillis(50),
                log::add);
        calls = new HttpCalls(assistant.api().address().getPort());
    }

    @AfterEach
    void stop() {
        assistant.close();
        provider.close();
        List<String> all = new ArrayList<>(calls.answers);
        all.addAll(log);
        for (String text : all) {
            assertThat(text).doesNotContain(PIN);
        }
    }

    @Test
    void servesTheRegisteredOriginsTheServiceAndTheConfiguredOnes_R_USE_2() throws Exception {
        assertThat(assistant.origins().all().values()).containsExactlyInAnyOrder(PLATFORM, provider.url().toString(),
                "https://extra.example.cn");
        for (String origin : List.of(PLATFORM, provider.url().toString(), "https://extra.example.cn", calls.own())) {
            assertThat(calls.get("/v1/token", origin).statusCode()).as(origin).isEqualTo(200);
        }
        assertThat(calls.postJson("/v1/renew", PLATFORM, json("pin", PIN)).statusCode()).as("a platform signs in only")
                .isEqualTo(403);
        HttpResponse<String> unlisted = calls.get("/v1/token", "https://gjj.example.cn");
        assertThat(unlisted.statusCode()).isEqualTo(403);
        assertThat(HttpCalls.json(unlisted).path("error").asString()).isEqualTo("origin-not-allowed");
    }

    @Test
    void removingTheKeyTellsTheProviderEachPresenceSecretOnce_R_USE_3() throws Exception {
        List<String> signedTexts = List.of(signIn(), signIn());
        openPinSession();
        assertThat(assistant.signIns().pinSession().openUntil(Clock.systemUTC().instant())).isPresent();

        Path away = dir.resolve("unplugged");
        Files.move(tokenFile, away);
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.keyRemovedBodies().size() == 2);
        assertThat(assistant.signIns().pinSession().openUntil(Clock.systemUTC().instant())).isEmpty();
        assertThat(assistant.signIns().presenceSecretsKept()).isZero();

        List<String> hashes = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (String body : provider.keyRemovedBodies()) {
            String secret = parse(body).path("presence").asString();
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            secrets.add(secret);
            hashes.add(Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getUrlDecoder().decode(secret))));
        }
        assertThat(signedTexts).allSatisfy(text -> assertThat(hashes).contains(text.substring(text.lastIndexOf(' ') + 1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> log.stream().anyMatch(line -> line.contains(
                "the service was told to end 2 of 2 sign-ins")));
        List<String> all = new ArrayList<>(calls.answers);
        all.addAll(log);
        for (String secret : secrets) {
            assertThat(all).noneMatch(text -> text.contains(secret));
        }

        // plugged in again: only what is approved from now on is told at the next removal
        Files.move(away, tokenFile);
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get("/v1/token", PLATFORM).statusCode() == 200);
        // The watcher has seen the key back: its removal from now on is noticed.
        await().atMost(Duration.ofSeconds(5)).until(() -> new ArrayList<>(log).stream().filter(line -> line.contains("key plugged in")).count() >= 2);
        signIn();
        Files.move(tokenFile, away, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.keyRemovedBodies().size() == 3);
        // And nothing more is told afterwards (the earlier sign-ins' secrets were forgotten).
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> provider.keyRemovedCalls() == 3);
    }

    @Test
    void aProviderThatFailsIsAskedAgainAFewTimes_R_USE_3() throws Exception {
        signIn();
        provider.answerKeyRemovedWith(503, 502);
        Files.delete(tokenFile);
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.keyRemovedBodies().size() == 1);
        assertThat(provider.keyRemovedCalls()).isEqualTo(3);
    }

    @Test
    void aProviderThatNeverAnswersIsGivenUpOnAndTheSecretForgotten_R_USE_3() throws Exception {
        signIn();
        provider.answerKeyRemovedWith(503, 503, 503, 503, 503);
        Files.delete(tokenFile);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.stream().anyMatch(line -> line.contains(
                "1 could not be told")));
        assertThat(provider.keyRemovedCalls()).isEqualTo(4);
        assertThat(assistant.signIns().presenceSecretsKept()).isZero();
    }

    /** A sign-in of the platform confirmed with the PIN; its signed text. */
    private String signIn() throws IOException {
        String challenge = TestChallenges.challenge(PLATFORM, made.certificate(), Clock.systemUTC().instant());
        String id = HttpCalls.json(calls.postJson("/v1/signin", PLATFORM, json("challenge", challenge, "platformName",
                "昆明智慧就业"))).path("requestId").asString();
        HttpResponse<String> page = calls.get("/confirm/" + id, null);
        assertThat(calls.postForm("/confirm/" + id, calls.own(), "csrf", HttpCalls.csrf(page.body()), "pin", PIN,
                "action", "confirm").statusCode()).isEqualTo(200);
        JsonNode result = HttpCalls.json(calls.get("/v1/signin/" + id, PLATFORM));
        assertThat(result.path("state").asString()).isEqualTo("SIGNED");
        return result.path("signedText").asString();
    }

    private void openPinSession() throws IOException {
        assertThat(calls.postForm("/pin-session", calls.own(), "csrf", HttpCalls.csrf(calls.get("/", null).body()),
                "pin", PIN).statusCode()).isEqualTo(200);
    }

    private static JsonNode parse(String body) {
        return Json.MAPPER.readTree(body);
    }
}
