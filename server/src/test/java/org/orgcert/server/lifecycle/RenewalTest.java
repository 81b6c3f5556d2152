package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Remote annual renewal through the REST API with the USB key's own signature (R-REN-1..3, R-CERT-4). */
@ServiceTest
@AutoConfigureRestTestClient
@SuppressWarnings("unchecked")
class RenewalTest extends ServiceTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    CertificateStore certificates;
    @Autowired
    ApplicationService applications;
    @Autowired
    AuditLog audit;
    KeyHolders holders;

    @BeforeEach
    void holders() {
        holders = new KeyHolders(context);
    }

    private Map<String, Object> post(String path, Map<String, Object> body, int status) {
        return client.post().uri(path).body(body).exchange().expectStatus().isEqualTo(status)
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private Map<String, Object> challenge(KeyHolders.Holder holder, int status) {
        return post("/api/v1/renewals/challenge", Map.of("serial", holder.certificate().serialHex()), status);
    }

    private Map<String, Object> renew(KeyHolders.Holder holder, Map<String, Object> challenge, byte[] signature,
            int status) {
        return post("/api/v1/renewals", Map.of("serial", holder.certificate().serialHex(), "nonce",
                challenge.get("nonce"), "signature", Base64.getEncoder().encodeToString(signature)), status);
    }

    private static byte[] toBeSigned(Map<String, Object> challenge) {
        return Base64.getDecoder().decode((String) challenge.get("toBeSigned"));
    }

    @Test
    void renewalOpensThirtyDaysBeforeExpiryAndSaysWhen_R_REN_1() {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        Map<String, Object> early = challenge(holder, 409);
        String opensOn = ShanghaiTime.dateOf(holder.certificate().notAfter().minus(Duration.ofDays(30))).toString();
        assertThat(early.get("type").toString()).endsWith("/renewal-not-open");
        assertThat(early).containsEntry("opensOn", opensOn);
        assertThat(early.get("detail").toString()).contains("opens on " + opensOn);
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(30)));
        assertThat(challenge(holder, 200)).containsKeys("nonce", "toBeSigned", "expiresAt");
    }

    @Test
    void theKeyRenewsItselfLosingNoDaysAndTheFirstCertificatesRenewalIsFree_R_REN_2_R_REN_3_R_FEE_1_b() throws Exception {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(12)));
        Map<String, Object> challenge = challenge(holder, 200);
        Map<String, Object> renewed = renew(holder, challenge, holder.token().sign(holder.pin(), toBeSigned(challenge)),
                201);

        X509CertificateHolder certificate = new X509CertificateHolder(
                Base64.getDecoder().decode((String) renewed.get("certificate")));
        // R-CERT-4 and no days lost: the old expiry plus one year.
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(ShanghaiTime.at(holder.certificate().notAfter())
                .plusYears(1).toInstant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(certificate.getSubject()).isEqualTo(new X509CertificateHolder(holder.certificate().certificate()
                .orElseThrow()).getSubject());
        assertThat((Map<String, Object>) renewed.get("fee")).containsEntry("payableFen", 0).containsEntry("rule", "R-FEE-1 b");
        // The same key: the token takes the new certificate.
        byte[] der = certificate.getEncoded();
        holder.token().importCertificate(holder.pin(), der);
        assertThat(holder.token().certificate()).hasValueSatisfying(held -> assertThat(held).isEqualTo(der));
        // The old one stays valid until it ends; the online application is complete.
        assertThat(certificates.findBySerial(holder.certificate().serial()).orElseThrow().state())
                .isEqualTo(CertificateState.VALID);
        var application = applications.get(java.util.UUID.fromString((String) renewed.get("applicationId")));
        assertThat(application.state()).isEqualTo(ApplicationState.DELIVERED);
        assertThat(application.form().kind().name()).isEqualTo("RENEWAL");
        assertThat(client.get().uri("/api/v1/certificates/" + holder.certificate().serialHex() + "/successor")
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody())
                .containsEntry("serial", renewed.get("serial")).containsEntry("reason", "RENEWAL");
        // Renewed once: a second challenge points to the successor.
        assertThat(challenge(holder, 409).get("type").toString()).endsWith("/already-renewed");
    }

    /** A renewal the employer pays waits for the transfer; matched, it is issued and fetched as the successor. */
    @Test
    void aSecondCertificatesRenewalCosts160YuanAndIsIssuedWhenPaid_R_REN_3_R_FEE_4() {
        var uscc = TestUscc.next();
        holders.produce(uscc);
        KeyHolders.Holder second = holders.produceAndPay(uscc);
        assertThat(second.certificate().firstOfEmployer()).isFalse();
        setTime(second.certificate().notAfter().minus(Duration.ofDays(3)));
        Map<String, Object> challenge = challenge(second, 200);
        Map<String, Object> waiting = renew(second, challenge, second.token().sign(second.pin(), toBeSigned(challenge)), 202);
        assertThat(waiting).containsEntry("state", "AWAITING_PAYMENT").doesNotContainKey("certificate");
        assertThat((Map<String, Object>) waiting.get("fee")).containsEntry("payableFen", 16000).containsEntry("rule", "R-REN-3");
        String successor = "/api/v1/certificates/" + second.certificate().serialHex() + "/successor";
        client.get().uri(successor).exchange().expectStatus().isNotFound();

        holders.payFor(java.util.UUID.fromString((String) waiting.get("applicationId")), KeyHolders.NAME);
        assertThat(client.get().uri(successor).exchange().expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody()).containsEntry("reason", "RENEWAL");
        assertThat(applications.get(java.util.UUID.fromString((String) waiting.get("applicationId"))).state())
                .isEqualTo(ApplicationState.DELIVERED);
    }

    @Test
    void anotherKeysSignatureAStaleOrReplayedNonceAndAnExpiredCertificateChangeNothing_R_REN_2() {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        KeyHolders.Holder stranger = holders.produce(TestUscc.next());
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(5)));
        Map<String, Object> challenge = challenge(holder, 200);

        Map<String, Object> foreign = renew(holder, challenge, stranger.token().sign(stranger.pin(), toBeSigned(challenge)), 400);
        assertThat(foreign.get("type").toString()).endsWith("/bad-signature");
        // A signature of other bytes by the right key (say, a platform's login challenge) does not renew either.
        Map<String, Object> otherBytes = renew(holder, challenge, holder.token().sign(holder.pin(), new byte[] {1, 2}), 400);
        assertThat(otherBytes.get("type").toString()).endsWith("/bad-signature");

        clock.advance(Duration.ofMinutes(6));
        byte[] late = holder.token().sign(holder.pin(), toBeSigned(challenge));
        assertThat(renew(holder, challenge, late, 409).get("type").toString()).endsWith("/stale-nonce");

        Map<String, Object> fresh = challenge(holder, 200);
        byte[] signature = holder.token().sign(holder.pin(), toBeSigned(fresh));
        renew(holder, fresh, signature, 201);
        assertThat(renew(holder, fresh, signature, 409).get("type").toString()).endsWith("/stale-nonce"); // replay
        assertThat(certificates.findSuccessor(holder.certificate().serial())).isPresent();
        assertThat(audit.history("certificate", holder.certificate().serialHex()))
                .filteredOn(r -> r.entry().action().equals("certificate.renewal.refused")).hasSize(4);

        setTime(stranger.certificate().notAfter().plusSeconds(1));
        Map<String, Object> expired = challenge(stranger, 409);
        assertThat(expired.get("type").toString()).endsWith("/certificate-expired");
        assertThat(expired.get("detail").toString()).contains("cannot be renewed online", "Apply for a new certificate");
        assertThat(certificates.findSuccessor(stranger.certificate().serial())).isEmpty();
    }
}
