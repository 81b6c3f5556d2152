package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServedChain;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.ProductionOrder;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.status.CrlRegenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Loss, damage and cancellation reports (R-FEE-2): revoked at once, visible to OpenSSL over OCSP and CRL. */
@ServiceTest
@AutoConfigureRestTestClient
class CertificateEndingTest extends ServiceTestBase {
    private static final String NAME = "昆明市挂失测试有限公司";
    @Autowired
    RestTestClient client;
    @Autowired
    ProductionService production;
    @Autowired
    CertificateStore certificates;
    @Autowired
    Notifications notifications;
    @Autowired
    AuditLog audit;
    @Autowired
    CrlRegenerator regenerator;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    private CertificateRecord produce(Uscc uscc) {
        return production.produce(new ProductionOrder(UUID.randomUUID(), NAME, uscc, KeyAlgorithm.ECDSA_P256,
                "staff:t-operator")).certificate();
    }

    private RestTestClient.ResponseSpec report(BrowserSession agent, CertificateRecord certificate, String reason) {
        return client.post().uri("/api/v1/certificates/" + certificate.serialHex() + "/revocation")
                .headers(agent::withCsrf).contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", reason))
                .exchange();
    }


    @Test
    void aLossReportedByTheAgentIsRevokedAtOnceForOpenSslOcspAndInTheNextCrl_R_FEE_2() throws Exception {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(uscc, NAME, mobile);
        CertificateRecord certificate = produce(uscc);
        ServedChain chain = ServedChain.download(client, dir, "ecdsa-p256", certificate.certificate().orElseThrow());
        String url = "http://127.0.0.1:" + port + "/status/ecdsa-p256/ocsp";
        String[] ocsp = atServiceTime("ocsp", "-issuer", chain.issuing().toString(), "-cert", chain.employer().toString(),
                "-url", url, "-CAfile", chain.root().toString(), "-verify_other", chain.issuing().toString());
        assertThat(OpenSsl.run(dir, ocsp).output()).contains("employer.pem: good");

        BrowserSession agent = agents.signIn(mobile);
        report(agent, certificate, "LOST").expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("REVOKED").jsonPath("$.reason").isEqualTo("keyCompromise");

        assertThat(OpenSsl.run(dir, ocsp).output()).contains("Response verify OK").contains("employer.pem: revoked")
                .contains("keyCompromise");
        // The next full CRL: the background regenerator (run by hand, at the test clock's time) makes it five
        // minutes after a change.
        clock.advance(java.time.Duration.ofMinutes(5));
        regenerator.tick();
        byte[] crl = client.get().uri("/status/ecdsa-p256/crl").exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody();
        java.nio.file.Files.write(java.nio.file.Path.of("/tmp/crl.der"), crl); java.nio.file.Files.copy(chain.issuing(), java.nio.file.Path.of("/tmp/issuing.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path pem = OpenSsl.writePem(dir.resolve("crl.pem"), "X509 CRL", crl);
        assertThat(OpenSsl.run(dir, "crl", "-in", pem.toString(), "-CAfile", chain.issuing().toString(), "-noout",
                "-verify", "-text").output()).contains("verify OK").contains(certificate.serialHex())
                .contains("Key Compromise");
        // Reported twice: a clear refusal, nothing changes.
        report(agent, certificate, "LOST").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").value(String.class, t -> assertThat(t).endsWith("/already-revoked"));
    }

    @Test
    void anotherEmployersCertificateIsUnknownToTheAgentAndTheAttemptIsAudited_R_FEE_2() {
        Uscc own = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(own, NAME, mobile);
        CertificateRecord someoneElses = produce(TestUscc.next());
        BrowserSession agent = agents.signIn(mobile);

        report(agent, someoneElses, "LOST").expectStatus().isNotFound();
        report(agent, someoneElses, "STOLEN").expectStatus().isBadRequest();
        assertThat(certificates.findBySerial(someoneElses.serial()).orElseThrow().state()).isEqualTo(CertificateState.VALID);
        assertThat(audit.history("certificate", someoneElses.serialHex()))
                .extracting(r -> r.entry().action()).contains("certificate.end.refused");
    }

    @Test
    void customerServiceRecordsADamagedKeyAndTheNextCertificateIsNoLongerFirst_R_FEE_2() {
        Uscc uscc = TestUscc.next();
        CertificateRecord first = produce(uscc);
        assertThat(first.firstOfEmployer()).isTrue();
        client.post().uri("/api/v1/certificates/" + first.serialHex() + "/revocation")
                .headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "DAMAGED")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.reason").isEqualTo("cessationOfOperation");
        assertThat(certificates.findBySerial(first.serial()).orElseThrow().revocationReason())
                .isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
        assertThat(produce(uscc).firstOfEmployer()).isFalse(); // a REISSUE is paid (R-FEE-2)
    }
}
