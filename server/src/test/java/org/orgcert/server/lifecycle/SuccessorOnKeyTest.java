package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.SuccessorUpdate;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.pki.Pki;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Issue 11 item 4: approving an information change (R-FEE-1 c) leaves the old certificate good at OCSP until the
 * USB-key assistant confirms the successor on the key, then it is revoked superseded; an unconfirmed successor
 * ends the old certificate when the 30-day grace is over; a lost key ends every certificate on it (R-FEE-2).
 */
@ServiceTest
@AutoConfigureRestTestClient
class SuccessorOnKeyTest extends ServiceTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String NEW_NAME = "昆明市过渡期测试有限公司";
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    CertificateStore certificates;
    @Autowired
    CertificateAuthorities authorities;
    @Autowired
    ReplacedCertificates replaced;
    @Autowired
    Notifications notifications;
    @Autowired
    AuditLog audit;
    @LocalServerPort
    int port;
    KeyHolders holders;

    @BeforeEach
    void holders() {
        holders = new KeyHolders(context);
    }

    private Map<String, Object> approveChange(CertificateRecord certificate) {
        return client.post().uri("/api/v1/certificates/" + certificate.serialHex() + "/information-change")
                .headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("employerName", NEW_NAME)).exchange().expectStatus().isCreated().expectBody(JSON)
                .returnResult().getResponseBody();
    }

    /** What the service's OCSP responder answers for {@code certificate} over HTTP ({@code null} is good). */
    private CertificateStatus ocsp(CertificateRecord certificate) throws Exception {
        X509CertificateHolder issuing = authorities.hierarchy(certificate.ca()).orElseThrow().issuing().certificate();
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                .setProvider(Pki.provider()).build().get(CertificateID.HASH_SHA1), issuing, certificate.serial()))
                .build().getEncoded();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/status/" + certificate.ca() + "/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        OCSPResp answer = new OCSPResp(response.body());
        assertThat(answer.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return ((BasicOCSPResp) answer.getResponseObject()).getResponses()[0].getCertStatus();
    }

    private CertificateRecord now(CertificateRecord certificate) {
        return certificates.findBySerial(certificate.serial()).orElseThrow();
    }

    @Test
    void approvingAChangeKeepsTheOldCertificateGoodUntilTheSuccessorIsConfirmedOnTheKeyThenSupersedesIt_R_FEE_1_c()
            throws Exception {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        CertificateRecord old = holder.certificate();
        Map<String, Object> changed = approveChange(old);
        assertThat(changed).containsEntry("replaces", old.serialHex()).containsKey("replacedValidUntil");

        assertThat(now(old).state()).isEqualTo(CertificateState.VALID);
        assertThat(ocsp(old)).as("good until the successor is on the key").isNull();
        assertThat(replaced.validUntil(now(old))).hasValue(now(certificates.findSuccessor(old.serial()).orElseThrow())
                .signedAt().plus(Duration.ofDays(30)));
        assertThat(client.get().uri("/api/v1/certificates/" + old.serialHex() + "/successor").exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody())
                .containsEntry("reason", "INFO_CHANGE");

        // Days later the employer's assistant writes it and says so, signed by the key.
        clock.advance(Duration.ofDays(3));
        assertThat(ocsp(old)).isNull();
        SuccessorUpdate update = new KeyAssistant(clock).fetchSuccessor(holder.token(), new ServiceClient(
                URI.create("http://127.0.0.1:" + port)), holder.pin());
        assertThat(update.confirmed()).isTrue();

        CertificateRecord successor = certificates.findSuccessor(old.serial()).orElseThrow();
        assertThat(successor.onKeyAt()).isEqualTo(clock.instant());
        assertThat(now(old).revocationReason()).isEqualTo(RevocationReason.SUPERSEDED);
        assertThat(ocsp(old)).isInstanceOfSatisfying(RevokedStatus.class,
                revoked -> assertThat(revoked.getRevocationReason()).isEqualTo(CRLReason.superseded));
        assertThat(ocsp(successor)).isNull();
        assertThat(audit.history("certificate", successor.serialHex())).extracting(r -> r.entry().action())
                .contains("certificate.on-key");
    }

    @Test
    void aSuccessorNeverConfirmedEndsTheOldCertificateWhenTheGraceIsOver_R_FEE_1_c() throws Exception {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        CertificateRecord old = holder.certificate();
        approveChange(old);
        clock.advance(Duration.ofDays(30).minusMinutes(1));
        replaced.endGrace();
        assertThat(now(old).state()).isEqualTo(CertificateState.VALID);
        assertThat(ocsp(old)).isNull();

        clock.advance(Duration.ofMinutes(2));
        assertThat(replaced.endGrace()).isPositive();
        assertThat(now(old).revocationReason()).isEqualTo(RevocationReason.SUPERSEDED);
        assertThat(audit.history("certificate", old.serialHex())).filteredOn(r -> r.entry().action()
                .equals("certificate.revoked")).extracting(r -> r.entry().actor()).containsExactly(
                        "system:successor-grace (END_GRACE)");
        assertThat(ocsp(old)).isInstanceOf(RevokedStatus.class);
        assertThat(now(certificates.findSuccessor(old.serial()).orElseThrow()).state()).isEqualTo(CertificateState.VALID);
    }

    @Test
    void aConfirmationSignedByAnotherKeyIsRefusedAndChangesNothing_R_FEE_1_c() {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        KeyHolders.Holder stranger = holders.produce(TestUscc.next());
        approveChange(holder.certificate());
        CertificateRecord successor = certificates.findSuccessor(holder.certificate().serial()).orElseThrow();
        byte[] foreign = stranger.token().sign(stranger.pin(), SuccessorsOnKey.toBeSigned(successor.serialHex()));
        client.post().uri("/api/v1/certificates/" + successor.serialHex() + "/on-key")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("signature", Base64.getEncoder().encodeToString(foreign))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type")
                .value(String.class, type -> assertThat(type).endsWith("/bad-signature"));
        assertThat(now(successor).onKeyAt()).isNull();
        assertThat(now(holder.certificate()).state()).isEqualTo(CertificateState.VALID);
    }

    @Test
    void aLostKeyRevokesEveryValidCertificateOnIt_R_FEE_2() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = holders.produce(uscc);
        approveChange(holder.certificate());
        CertificateRecord successor = certificates.findSuccessor(holder.certificate().serial()).orElseThrow();
        BrowserSession agent = agents.signIn(mobile);
        client.post().uri("/api/v1/certificates/" + successor.serialHex() + "/revocation").headers(agent::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "LOST")).exchange()
                .expectStatus().isOk();
        for (CertificateRecord onKey : new CertificateRecord[] {holder.certificate(), successor}) {
            assertThat(now(onKey).state()).isEqualTo(CertificateState.REVOKED);
            assertThat(now(onKey).revocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        }
        assertThat(certificates.findValidOnToken(holder.certificate().tokenSerial())).isEmpty();
    }
}
