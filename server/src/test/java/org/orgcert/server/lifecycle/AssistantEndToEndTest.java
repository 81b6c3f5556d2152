package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.key.CertificateSummary;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.Renewal;
import org.orgcert.key.SuccessorUpdate;
import org.orgcert.key.TokenSource;
import org.orgcert.key.local.AccessLog;
import org.orgcert.key.local.AllowedOrigins;
import org.orgcert.key.local.LocalApi;
import org.orgcert.key.service.LossReason;
import org.orgcert.key.service.Revocation;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.service.ServiceException;
import org.orgcert.key.service.UnlockRequest;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.notification.Notifications;
import org.orgcert.token.TokenException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every flow after issuance end to end: the employer's USB-key assistant ({@code orgcert-key}, its library and
 * its local HTTP API) against the running service on real PostgreSQL (R-REN-1..3, R-FEE-1 c/d, R-FEE-2).
 */
@ServiceTest
@AutoConfigureRestTestClient
class AssistantEndToEndTest extends ServiceTestBase {
    private static final char[] NEW_PIN = "Xishan2027".toCharArray();
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    CertificateStore certificates;
    @LocalServerPort
    int port;
    KeyHolders holders;
    KeyAssistant assistant;
    ServiceClient service;

    @BeforeEach
    void assistant() {
        holders = new KeyHolders(context);
        assistant = new KeyAssistant(clock);
        service = new ServiceClient(URI.create("http://127.0.0.1:" + port));
    }

    /** Signs the assistant's service client in as the agent with {@code mobile}, with the code from the outbox. */
    private void signIn(String mobile) {
        service.requestSignInCode(mobile);
        service.signIn(mobile, new EmployerAgents(client, notifications).lastCode(mobile).toCharArray());
    }

    @Test
    void theAssistantRenewsTheKeyRemotelyAndWritesTheNewCertificate_R_REN_1_R_REN_2_R_FEE_1_b() {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        assertThatThrownBy(() -> assistant.renew(holder.token(), service, holder.pin()))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("renewal-not-open"));
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(10)));
        assertThat(assistant.info(holder.token()).renewal().open()).isTrue();

        Renewal renewal = assistant.renew(holder.token(), service, holder.pin());
        assertThat(renewal.awaitingPayment()).isFalse();
        assertThat(renewal.fee().payableFen()).isZero();
        CertificateSummary now = CertificateSummary.parse(holder.token().certificate().orElseThrow());
        assertThat(now.serialHex()).isEqualTo(renewal.renewed().serialHex()).isNotEqualTo(holder.certificate().serialHex());
        assertThat(now.notAfter()).isAfter(holder.certificate().notAfter().plus(Duration.ofDays(364)));
        // The renewed key signs as before.
        assertThat(assistant.sign(holder.token(), holder.pin(), new byte[] {1, 2, 3}).signature()).isNotEmpty();
    }

    @Test
    void aPaidRenewalIsWrittenByFetchSuccessorOnceThePaymentIsMatched_R_REN_3_R_FEE_4() {
        Uscc uscc = TestUscc.next();
        holders.produce(uscc);
        KeyHolders.Holder second = holders.produceAndPay(uscc);
        setTime(second.certificate().notAfter().minus(Duration.ofDays(2)));
        Renewal asked = assistant.renew(second.token(), service, second.pin());
        assertThat(asked.awaitingPayment()).isTrue();
        assertThat(asked.fee().payableFen()).isEqualTo(16000);
        holders.payFor(java.util.UUID.fromString(asked.applicationId()), KeyHolders.NAME);
        SuccessorUpdate update = assistant.fetchSuccessor(second.token(), service, second.pin());
        assertThat(CertificateSummary.parse(second.token().certificate().orElseThrow()).serialHex())
                .isNotEqualTo(second.certificate().serialHex());
        assertThat(update).isNotNull();
    }

    @Test
    void afterAnInformationChangeTheAssistantWritesTheSuccessor_R_FEE_1_c() {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        client.post().uri("/api/v1/certificates/" + holder.certificate().serialHex() + "/information-change")
                .headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("employerName", "昆明市助手改名有限公司")).exchange().expectStatus().isCreated();
        assertThat(assistant.fetchSuccessor(holder.token(), service, holder.pin()).confirmed()).isTrue();
        assertThat(CertificateSummary.parse(holder.token().certificate().orElseThrow()).subject())
                .contains("昆明市助手改名有限公司");
        assertThat(certificates.findBySerial(holder.certificate().serial()).orElseThrow().revocationReason())
                .isEqualTo(RevocationReason.SUPERSEDED);
    }

    @Test
    void aLockedKeyIsUnlockedThroughTheServiceAndTakesANewPin_R_FEE_1_d() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = holders.produce(uscc);
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> holder.token().sign("wrong-pin-9".toCharArray(), new byte[] {1}))
                    .isInstanceOf(TokenException.class);
        }
        signIn(mobile);
        org.orgcert.key.UnlockSecret secret = org.orgcert.key.UnlockSecret.random();
        UnlockRequest request = assistant.requestUnlock(holder.token(), service, secret);
        UnlockRequest decided = assistant.awaitUnlockDecision(service, request.id(), Duration.ofMillis(50),
                Duration.ofSeconds(10), polled -> { });
        assertThat(decided.state()).isEqualTo(UnlockRequest.State.APPROVED);
        // Only this assistant's secret gets the response (issue 11 item 6); another one does not.
        assertThatThrownBy(() -> assistant.applyUnlock(holder.token(), service, decided,
                org.orgcert.key.UnlockSecret.random(), NEW_PIN)).isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("wrong-response-secret"));
        assistant.applyUnlock(holder.token(), service, decided, secret, NEW_PIN);
        assertThat(assistant.sign(holder.token(), NEW_PIN, new byte[] {9}).signature()).isNotEmpty();
    }

    @Test
    void aLossReportedThroughTheAssistantRevokesAtOnce_andSomeoneElsesIsRefused_R_FEE_2() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder own = holders.produce(uscc);
        KeyHolders.Holder foreign = holders.produce(TestUscc.next());
        signIn(mobile);
        assertThatThrownBy(() -> assistant.reportLoss(service, foreign.certificate().serialHex(), LossReason.LOST))
                .isInstanceOf(ServiceException.class);
        Revocation revocation = assistant.reportLoss(service, own.certificate().serialHex(), LossReason.LOST);
        assertThat(revocation.reason()).isEqualTo("keyCompromise");
        assertThat(certificates.findBySerial(own.certificate().serial()).orElseThrow().state())
                .isEqualTo(CertificateState.REVOKED);
        assertThat(certificates.findBySerial(foreign.certificate().serial()).orElseThrow().state())
                .isEqualTo(CertificateState.VALID);
    }

    /** The browser path: a page of the service asks the assistant's local API to renew (origin checked). */
    @Test
    void aPageOfTheServiceRenewsThroughTheLocalApi_R_REN_2() throws Exception {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(5)));
        String origin = "http://127.0.0.1:" + port;
        Path data = Path.of("target/test-data");
        String serial = holder.token().info().serial();
        try (LocalApi api = LocalApi.start(0, AllowedOrigins.of(List.of(origin)), new TokenSource.Software(
                data.resolve("tokens").resolve(serial + ".token"), data.resolve("keys/token-device.key")), assistant,
                service, clock, AccessLog.NONE)) {
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + api.address().getPort() + "/v1/renew";
            String body = "{\"pin\":\"" + new String(holder.pin()) + "\"}";
            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);
            HttpResponse<String> renewed = http.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", origin)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(renewed.statusCode()).isEqualTo(200);
            assertThat(renewed.body()).contains("\"certificate\"").doesNotContain(new String(holder.pin()));
        }
        assertThat(certificates.findSuccessor(holder.certificate().serial())).isPresent();
    }

    /** The command line, as an employer or a script runs it: renew, then report the key lost (R-REN-2, R-FEE-2). */
    @Test
    void theCommandLineRenewsAndReportsALoss_R_REN_2_R_FEE_2() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = holders.produce(uscc);
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(20)));
        Path data = Path.of("target/test-data");
        String serial = holder.token().info().serial();
        List<String> token = List.of("--token-file", data.resolve("tokens").resolve(serial + ".token").toString(),
                "--device-key", data.resolve("keys/token-device.key").toString(), "--service", "http://127.0.0.1:" + port);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.function.BiFunction<java.util.Map<String, String>, List<String>, org.orgcert.key.cli.ExitCode> cli =
                (env, argv) -> new org.orgcert.key.cli.Cli(env, new java.io.PrintStream(out, true,
                        java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(err, true,
                        java.nio.charset.StandardCharsets.UTF_8), clock).run(argv.toArray(String[]::new));

        List<String> renew = new java.util.ArrayList<>(List.of("renew", "--pin-env", "PIN"));
        renew.addAll(token);
        assertThat(cli.apply(java.util.Map.of("PIN", new String(holder.pin())), renew))
                .isEqualTo(org.orgcert.key.cli.ExitCode.OK);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Renewed", "R-FEE-1 b");
        String renewed = CertificateSummary.parse(holder.token().certificate().orElseThrow()).serialHex();
        assertThat(renewed).isNotEqualTo(holder.certificate().serialHex());

        assertThat(cli.apply(java.util.Map.of(), List.of("send-code", "--mobile", mobile, "--service",
                "http://127.0.0.1:" + port))).isEqualTo(org.orgcert.key.cli.ExitCode.OK);
        String code = new EmployerAgents(client, notifications).lastCode(mobile);
        assertThat(cli.apply(java.util.Map.of("CODE", code), List.of("report-loss", "--serial", renewed,
                "--reason", "LOST", "--mobile", mobile, "--code-env", "CODE", "--service", "http://127.0.0.1:" + port)))
                .isEqualTo(org.orgcert.key.cli.ExitCode.OK);
        assertThat(certificates.findBySerial(new java.math.BigInteger(renewed, 16)).orElseThrow().revocationReason())
                .isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8) + err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain(new String(holder.pin())).doesNotContain(code);
    }
}
