package org.orgcert.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.pki.name.Uscc;
import org.orgcert.token.SoftwareToken;
import org.orgcert.token.Token;
import org.orgcert.token.TokenSettings;

/**
 * The crash harness's clients, each a loop until told to stop: staff producing applications through the REST
 * API (submission to 200 PRODUCED), and employers renewing a produced certificate with its USB key's signature
 * (R-REN-1). Every result the service acknowledged is remembered, to be looked for after the crashes.
 */
final class CrashClients {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern APPLICATION_ID = Pattern.compile("\"applicationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern CERTIFICATE_SERIAL = Pattern.compile("\"certificateSerial\"\\s*:\\s*\"([0-9A-F]+)\"");
    private static final Pattern SERIAL = Pattern.compile("\"serial\"\\s*:\\s*\"([0-9A-F]+)\"");
    private static final Pattern TOKEN_SERIAL = Pattern.compile("\"tokenSerial\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");
    private static final Pattern PIN = Pattern.compile("\"initialPinForSlip\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("\"nonce\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TO_BE_SIGNED = Pattern.compile("\"toBeSigned\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MATERIALS = Pattern.compile("\"requiredMaterials\"\\s*:\\s*\\[([^\\]]*)\\]");

    /** An acknowledged production: 200 PRODUCED with the certificate's serial and the key's serial and PIN. */
    record Produced(String applicationId, String serial, String tokenSerial, String pin) {
    }

    /** An acknowledged renewal: 201 with the new certificate, or 202 with the application that waits for payment. */
    record Renewed(String predecessor, String serial, String applicationId) {
    }

    private final CrashService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger employers;
    private final Map<String, Produced> produced = new ConcurrentHashMap<>();
    private final Map<String, Renewed> renewed = new ConcurrentHashMap<>();
    private final Queue<Produced> toRenew = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Object acknowledgments = new Object();
    private long acknowledgedSoFar;
    private Map<String, String> logins = Map.of();

    CrashClients(CrashService service, int firstEmployer) {
        this.service = service;
        this.employers = new AtomicInteger(firstEmployer);
    }

    void signInAs(Map<String, String> staffLogins) {
        this.logins = Map.copyOf(staffLogins);
    }

    Map<String, Produced> produced() {
        return produced;
    }

    Map<String, Renewed> renewed() {
        return renewed;
    }

    /** Why requests failed (refusals by status, or the connection the crash cut), with how often. */
    Map<String, AtomicInteger> failures() {
        return failures;
    }

    /**
     * Waits until the service acknowledges one more result: a kill right after it hits the moment when an
     * acknowledged commit that was not yet durable would be lost. False if none came in time.
     */
    boolean awaitNextAcknowledgment(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (acknowledgments) {
            long seen = acknowledgedSoFar;
            for (long left = timeoutMillis; acknowledgedSoFar == seen && left > 0; left = deadline - System.currentTimeMillis()) {
                acknowledgments.wait(left);
            }
            return acknowledgedSoFar != seen;
        }
    }

    private void acknowledged() {
        synchronized (acknowledgments) {
            acknowledgedSoFar++;
            acknowledgments.notifyAll();
        }
    }

    /** Queues every acknowledged production for renewal (for the rounds with the clock moved ahead). */
    void renewEverythingProduced() {
        toRenew.addAll(produced.values());
    }

    void produceUntil(AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                produceOne();
            } catch (Exception stoppedOrKilled) {
                failed(stoppedOrKilled);
            }
        }
    }

    void renewUntil(AtomicBoolean stop) {
        Produced next;
        while (!stop.get() && (next = toRenew.poll()) != null) {
            try {
                renewOne(next);
            } catch (Exception stoppedOrKilled) {
                failed(stoppedOrKilled);
                // A replaying client: asked again in the next round (the service answers already-renewed if it was).
                toRenew.add(next);
            }
        }
    }

    private void produceOne() throws Exception {
        String uscc = Uscc.complete("91", "530102", String.format("%08d", employers.incrementAndGet())).value();
        String created = call("ca-clerk", "POST", "/api/v1/applications", "{\"kind\":\"NEW\","
                + "\"employerName\":\"昆明市崩溃测试有限公司\",\"uscc\":\"" + uscc + "\",\"category\":"
                + "\"ENTERPRISE_OR_INDIVIDUAL_BUSINESS\",\"legalRepresentative\":\"张三\",\"legalRepInPerson\":true,"
                + "\"agentName\":\"张三\",\"channel\":\"CA_HALL\",\"delivery\":\"ON_THE_SPOT\"}").body();
        String id = find(ID, created);
        call("ca-clerk", "POST", "/api/v1/applications/" + id + "/events/RECEIVE", "{}");
        call("reviewer", "POST", "/api/v1/applications/" + id + "/events/START_REVIEW", "{}");
        for (String item : find(MATERIALS, created).replace("\"", "").split(",")) {
            call("reviewer", "POST", "/api/v1/applications/" + id + "/materials/" + item.strip(), null);
        }
        HttpRequest.Builder registry = staff("reviewer", "/api/v1/registry/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("record_id,uscc,name,legal_representative,insuring_division\n"
                        + "C-" + uscc + "," + uscc + ",昆明市崩溃测试有限公司,张三,530102\n", StandardCharsets.UTF_8));
        send(registry.build(), "POST /api/v1/registry/import");
        call("reviewer", "POST", "/api/v1/applications/" + id + "/review/check", null);
        call("reviewer", "POST", "/api/v1/applications/" + id + "/events/APPROVE", "{}");
        String answer = call("operator", "POST", "/api/v1/applications/" + id + "/produce", null).body();
        produced.put(id, new Produced(id, find(CERTIFICATE_SERIAL, answer), find(TOKEN_SERIAL, answer), find(PIN, answer)));
        acknowledged();
    }

    private void renewOne(Produced certificate) throws Exception {
        HttpResponse<String> challenge = post("/api/v1/renewals/challenge", "{\"serial\":\"" + certificate.serial() + "\"}");
        if (challenge.statusCode() == 409 && challenge.body().contains("already-renewed")) {
            return; // Renewed by an attempt whose answer the crash cut off.
        }
        expectOk(challenge, "POST /api/v1/renewals/challenge");
        byte[] signature;
        Path keys = service.data().resolve("keys");
        try (Token token = SoftwareToken.open(service.data().resolve("tokens").resolve(certificate.tokenSerial() + ".token"),
                Files.readAllBytes(keys.resolve("token-device.key")), TokenSettings.DEFAULT.pinPolicy())) {
            signature = token.sign(certificate.pin().toCharArray(),
                    Base64.getDecoder().decode(find(TO_BE_SIGNED, challenge.body())));
        }
        HttpResponse<String> answer = post("/api/v1/renewals", "{\"serial\":\"" + certificate.serial() + "\",\"nonce\":\""
                + find(NONCE, challenge.body()) + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(signature) + "\"}");
        expectOk(answer, "POST /api/v1/renewals");
        String serial = answer.statusCode() == 201 ? find(SERIAL, answer.body()) : null;
        renewed.put(certificate.serial(), new Renewed(certificate.serial(), serial, find(APPLICATION_ID, answer.body())));
        acknowledged();
    }

    /** The answer to {@code user}'s request, or an exception naming the refusal. */
    HttpResponse<String> call(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = staff(user, path);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return send(request.build(), method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}"));
    }

    private HttpRequest.Builder staff(String user, String path) {
        return HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + logins.get(user)).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        expectOk(response, what);
        return response;
    }

    private static void expectOk(HttpResponse<String> response, String what) {
        if (response.statusCode() >= 300) {
            Matcher type = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/([a-z-]+)\"").matcher(response.body());
            throw new IllegalStateException(what + " " + response.statusCode() + (type.find() ? " " + type.group(1) : ""));
        }
    }

    private void failed(Exception e) {
        if (e instanceof java.net.ConnectException) {
            pause(); // The service is down (killed, not yet told to the clients): no busy loop against a closed port.
        }
        String reason = e instanceof IllegalStateException ? e.getMessage() : e.getClass().getSimpleName();
        failures.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("not in the answer: " + pattern);
        }
        return matcher.group(1);
    }
}
