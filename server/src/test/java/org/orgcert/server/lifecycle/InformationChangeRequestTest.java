package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServedChain;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.status.CrlRegenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The employer's information-change requests (R-FEE-1 c): the agent asks with a scan of the paper, customer
 * service approves (the change itself: same key, same expiry, the old certificate superseded once the new one is
 * on the key, checked with
 * OpenSSL) or rejects; one pending request per certificate, none for a revoked or expired certificate, never a
 * USCC (R-CERT-5), nothing of another employer's.
 */
@ServiceTest
@AutoConfigureRestTestClient
class InformationChangeRequestTest extends ServiceTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes();
    private static final String NEW_NAME = "昆明市更名测试有限公司";
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    CertificateStore certificates;
    @Autowired
    ApplicationService applications;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CrlRegenerator regenerator;
    @TempDir
    Path dir;

    /** An employer with a registered agent and a produced key; the agent signed in. */
    private record Employer(KeyHolders.Holder holder, BrowserSession agent) {
        String serial() {
            return holder.certificate().serialHex();
        }
    }

    private Employer employer() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = new KeyHolders(context).produce(uscc);
        return new Employer(holder, agents.signIn(mobile));
    }

    private RestTestClient.ResponseSpec ask(BrowserSession agent, String serial, Map<String, String> fields,
            byte[] scan) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        fields.forEach(body::add);
        if (scan != null) {
            body.add("file", new ByteArrayResource(scan) {
                @Override
                public String getFilename() {
                    return "营业执照.pdf";
                }
            });
        }
        return client.post().uri("/api/v1/certificates/" + serial + "/information-change-requests")
                .headers(agent::withCsrf).contentType(MediaType.MULTIPART_FORM_DATA).body(body).exchange();
    }

    private Map<String, Object> renameRequest(Employer employer) {
        return ask(employer.agent(), employer.serial(), Map.of("employerName", NEW_NAME, "reason",
                "名称变更，见新营业执照"), PDF).expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    private RestTestClient.ResponseSpec decide(Object id, String decision, Object body) {
        var request = client.post().uri("/api/v1/information-change-requests/" + id + "/" + decision)
                .headers(TestStaff.as(TestStaff.SERVICE));
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private String state(Object id) {
        return jdbc.queryForObject("SELECT state FROM information_change_request WHERE id = ?::uuid", String.class,
                id.toString());
    }

    @Test
    void anApprovedRequestGivesTheSameKeyTheSameExpiryANewNameAndSupersedesTheOld_R_FEE_1_c_R_CERT_5()
            throws Exception {
        Employer employer = employer();
        CertificateRecord old = employer.holder().certificate();
        // A USCC among the fields is not read at all: a request cannot carry one (R-CERT-5).
        Map<String, Object> asked = ask(employer.agent(), employer.serial(), Map.of("employerName", NEW_NAME,
                "address", "昆明市盘龙区北京路 2 号", "reason", "名称和地址变更", "uscc", TestUscc.next().value()), PDF)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(asked).containsEntry("state", "PENDING");
        assertThat(asked.get("current").toString()).contains(KeyHolders.NAME, "张三", "昆明市五华区人民中路 1 号");
        assertThat(asked.get("requested").toString()).contains(NEW_NAME, "北京路").doesNotContain("uscc");

        // Customer service sees it in its queue and reads the scan back.
        List<Map<String, Object>> queue = client.get().uri("/api/v1/information-change-requests")
                .headers(TestStaff.as(TestStaff.SERVICE)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        assertThat(queue).extracting(r -> r.get("id")).contains(asked.get("id"));
        byte[] scan = client.get().uri("/api/v1/information-change-requests/" + asked.get("id") + "/scan")
                .headers(TestStaff.as(TestStaff.SERVICE)).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .returnResult(byte[].class).getResponseBody();
        assertThat(scan).isEqualTo(PDF);

        Map<String, Object> approved = decide(asked.get("id"), "approve", null).expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(approved).containsEntry("state", "APPROVED").containsKey("successor");
        CertificateRecord successor = certificates.findSuccessor(old.serial()).orElseThrow();
        assertThat(approved.get("successor")).isEqualTo(successor.serialHex());
        assertThat(successor.uscc()).isEqualTo(old.uscc());
        assertThat(applications.get(successor.applicationId()).form().kind().name()).isEqualTo("INFO_CHANGE");

        // OpenSSL: the new certificate chains to the served CA, names the new name, certifies the same key and
        // ends when the old one did (SM2: OpenSSL 3.0 needs the default ID and checks the last link only).
        ServedChain chain = ServedChain.download(client, dir, old.ca(), successor.certificate().orElseThrow());
        Path oldPem = OpenSsl.writePem(dir.resolve("old.pem"), "CERTIFICATE", old.certificate().orElseThrow());
        assertThat(OpenSsl.run(dir, atServiceTime("verify", "-partial_chain", "-vfyopt", "distid:1234567812345678",
                "-CAfile", chain.issuing().toString(), chain.employer().toString())).output())
                .contains("employer.pem: OK");
        assertThat(x509(chain.employer(), "-subject", "-nameopt", "utf8")).contains(NEW_NAME)
                .contains(old.uscc().value());
        assertThat(x509(chain.employer(), "-pubkey")).isEqualTo(x509(oldPem, "-pubkey"));
        assertThat(x509(chain.employer(), "-enddate")).isEqualTo(x509(oldPem, "-enddate"));
        assertThat(x509(chain.employer(), "-serial")).isNotEqualTo(x509(oldPem, "-serial"));
        // The old certificate stays valid until the assistant confirms the new one on the key (signed by the
        // key); then it is revoked as superseded: in the next CRL, as OpenSSL reads it.
        assertThat(certificates.findBySerial(old.serial()).orElseThrow().state()).isEqualTo(CertificateState.VALID);
        byte[] onKey = employer.holder().token().sign(employer.holder().pin(),
                SuccessorsOnKey.toBeSigned(successor.serialHex()));
        client.post().uri("/api/v1/certificates/" + successor.serialHex() + "/on-key")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("signature", java.util.Base64.getEncoder().encodeToString(onKey))).exchange()
                .expectStatus().isOk();
        assertThat(certificates.findBySerial(old.serial()).orElseThrow().revocationReason())
                .isEqualTo(RevocationReason.SUPERSEDED);
        // Only this CA's CRL, now: the schedule's tick would remake every CA's CRLs at a later clock time, which
        // the next test class, whose clock starts over, would find ahead of its revocations.
        regenerator.publishFull(old.ca());
        byte[] crl = client.get().uri("/status/" + old.ca() + "/crl").exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody();
        Path crlPem = OpenSsl.writePem(dir.resolve("crl.pem"), "X509 CRL", crl);
        assertThat(OpenSsl.run(dir, "crl", "-in", crlPem.toString(), "-noout", "-text").output())
                .contains(old.serialHex()).contains("Superseded");

        // Decided once; the old certificate takes no further request.
        decide(asked.get("id"), "approve", null).expectStatus().isEqualTo(409);
        assertThat(ask(employer.agent(), employer.serial(), Map.of("employerName", "昆明市又一名称有限公司",
                "reason", "再次更名"), PDF).expectStatus().isEqualTo(409).expectBody(JSON).returnResult()
                .getResponseBody().get("type").toString()).endsWith("/certificate-not-valid");
        assertThat(audit.history("certificate", old.serialHex())).extracting(r -> r.entry().action())
                .contains("information-change.requested", "information-change.approved");
    }

    private String x509(Path pem, String... options) {
        String[] command = new String[options.length + 4];
        command[0] = "x509";
        command[1] = "-in";
        command[2] = pem.toString();
        command[3] = "-noout";
        System.arraycopy(options, 0, command, 4, options.length);
        OpenSsl.Result result = OpenSsl.run(dir, command);
        assertThat(result.ok()).as(result.output()).isTrue();
        return result.output();
    }

    @Test
    void oneRequestWaitsPerCertificateAndARejectionChangesNothing_R_FEE_1_c() {
        Employer employer = employer();
        Map<String, Object> first = renameRequest(employer);
        Map<String, Object> second = ask(employer.agent(), employer.serial(), Map.of("legalRepresentative", "王五",
                "reason", "法定代表人变更"), PDF).expectStatus().isEqualTo(409).expectBody(JSON).returnResult()
                .getResponseBody();
        assertThat(second.get("type").toString()).endsWith("/change-pending");
        assertThat(second.get("detail").toString()).contains("already waiting");

        decide(first.get("id"), "reject", Map.of("reason", " ")).expectStatus().isBadRequest();
        assertThat(state(first.get("id"))).isEqualTo("PENDING");
        Map<String, Object> rejected = decide(first.get("id"), "reject", Map.of("reason", "营业执照不清晰"))
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(rejected).containsEntry("state", "REJECTED").containsEntry("rejectionReason", "营业执照不清晰");
        decide(first.get("id"), "approve", null).expectStatus().isEqualTo(409);
        // Nothing else changed: the certificate is valid, without a successor; no INFO_CHANGE application.
        CertificateRecord certificate = certificates.findBySerial(employer.holder().certificate().serial())
                .orElseThrow();
        assertThat(certificate.state()).isEqualTo(CertificateState.VALID);
        assertThat(certificates.findSuccessor(certificate.serial())).isEmpty();
        assertThat(applications.ofEmployers(List.of(certificate.uscc().value())))
                .noneMatch(a -> a.form().kind().name().equals("INFO_CHANGE"));
        assertThat(audit.history("certificate", employer.serial())).extracting(r -> r.entry().action())
                .contains("information-change.request.refused", "information-change.rejected");

        // Rejected, it no longer waits: the employer may ask again, and the agent sees both.
        ask(employer.agent(), employer.serial(), Map.of("employerName", NEW_NAME, "reason", "重新上传清晰的执照"), PDF)
                .expectStatus().isCreated();
        assertThat(client.get().uri("/api/v1/certificates/" + employer.serial() + "/information-change-requests")
                .headers(employer.agent()::cookies).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody()).extracting(r -> r.get("state")).containsExactly("PENDING", "REJECTED");
    }

    @Test
    void aRevokedOrExpiredCertificateTakesNoRequestAndAnApprovalAfterALossChangesNothing_R_FEE_1_c() {
        Employer lost = employer();
        Map<String, Object> pending = renameRequest(lost);
        // Reported lost while the request waits: the approval is refused, the request stays pending.
        client.post().uri("/api/v1/certificates/" + lost.serial() + "/revocation").headers(lost.agent()::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "LOST")).exchange().expectStatus().isOk();
        assertThat(decide(pending.get("id"), "approve", null).expectStatus().isEqualTo(409).expectBody(JSON)
                .returnResult().getResponseBody().get("type").toString()).endsWith("/certificate-not-valid");
        assertThat(state(pending.get("id"))).isEqualTo("PENDING");
        assertThat(certificates.findSuccessor(lost.holder().certificate().serial())).isEmpty();
        // Customer service then rejects it; a new request on the revoked certificate is refused.
        decide(pending.get("id"), "reject", Map.of("reason", "证书已挂失")).expectStatus().isOk();
        ask(lost.agent(), lost.serial(), Map.of("employerName", NEW_NAME, "reason", "更名"), PDF)
                .expectStatus().isEqualTo(409);

        Employer expired = employer();
        setTime(expired.holder().certificate().notAfter().plus(Duration.ofDays(1)));
        assertThat(ask(expired.agent(), expired.serial(), Map.of("employerName", NEW_NAME, "reason", "更名"), PDF)
                .expectStatus().isEqualTo(409).expectBody(JSON).returnResult().getResponseBody().get("detail")
                .toString()).contains("expired");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_change_request WHERE certificate_serial = ?",
                Integer.class, new java.math.BigDecimal(expired.holder().certificate().serial()))).isZero();
    }

    @Test
    void badInputIsRefusedPerFieldAndStoresNothing_R_FEE_1_c() {
        Employer employer = employer();
        Map<String, Object> missing = ask(employer.agent(), employer.serial(), Map.of("employerName",
                "名".repeat(101)), PDF).expectStatus().isBadRequest().expectBody(JSON).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) missing.get("errors")).keySet()).map(Object::toString)
                .containsExactlyInAnyOrder("employerName", "reason");
        ask(employer.agent(), employer.serial(), Map.of("employerName", KeyHolders.NAME, "legalRepresentative", "张三",
                "reason", "没有变化"), PDF).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").value(String.class, t -> assertThat(t).endsWith("/nothing-changed"));
        byte[] executable = Arrays.copyOf("MZ\u0090\u0000 this program cannot be run in DOS mode".getBytes(), 200);
        ask(employer.agent(), employer.serial(), Map.of("employerName", NEW_NAME, "reason", "更名"), executable)
                .expectStatus().isEqualTo(415);
        ask(employer.agent(), employer.serial(), Map.of("employerName", NEW_NAME, "reason", "更名"),
                Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1)).expectStatus().isEqualTo(413);
        ask(employer.agent(), employer.serial(), Map.of("employerName", NEW_NAME, "reason", "更名"), null)
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").value(String.class, t -> assertThat(t).endsWith("/empty-file"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_change_request WHERE certificate_serial = ?",
                Integer.class, new java.math.BigDecimal(employer.holder().certificate().serial()))).isZero();
    }

    /**
     * Record before sign: when signing fails after the approval committed (a CA fault, injected here by a
     * PostgreSQL trigger refusing to store the signed certificate), the request is approved with its successor
     * recorded unsigned, the old certificate still valid; approving again signs that recorded successor.
     */
    @Test
    void aFailedSigningIsFinishedByApprovingAgain_R_FEE_1_c() {
        Employer employer = employer();
        CertificateRecord old = employer.holder().certificate();
        Map<String, Object> asked = renameRequest(employer);
        jdbc.execute("CREATE FUNCTION test_ca_unavailable() RETURNS trigger AS $$ BEGIN"
                + " RAISE EXCEPTION 'CA unavailable (test)'; END $$ LANGUAGE plpgsql");
        try {
            jdbc.execute("CREATE TRIGGER test_ca_unavailable BEFORE UPDATE OF der ON certificate FOR EACH ROW"
                    + " WHEN (NEW.predecessor_serial = " + old.serial() + ") EXECUTE FUNCTION test_ca_unavailable()");
            decide(asked.get("id"), "approve", null).expectStatus().is5xxServerError();
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS test_ca_unavailable ON certificate");
            jdbc.execute("DROP FUNCTION test_ca_unavailable()");
        }
        assertThat(state(asked.get("id"))).isEqualTo("APPROVED");
        assertThat(certificates.findSuccessor(old.serial()).orElseThrow().state()).isEqualTo(CertificateState.ISSUING);
        assertThat(certificates.findBySerial(old.serial()).orElseThrow().state()).isEqualTo(CertificateState.VALID);

        Map<String, Object> finished = decide(asked.get("id"), "approve", null).expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
        CertificateRecord successor = certificates.findSuccessor(old.serial()).orElseThrow();
        assertThat(successor.state()).isEqualTo(CertificateState.VALID);
        assertThat(successor.employerName()).isEqualTo(NEW_NAME);
        assertThat(finished).containsEntry("successor", successor.serialHex());
        // Valid until the successor is on the key (SuccessorOnKeyTest).
        assertThat(certificates.findBySerial(old.serial()).orElseThrow().state()).isEqualTo(CertificateState.VALID);
        decide(asked.get("id"), "approve", null).expectStatus().isEqualTo(409);
    }

    @Test
    void anotherEmployersAgentSeesNothingAndOnlyCustomerServiceDecides_R_FEE_1_c() {
        Employer owner = employer();
        Map<String, Object> request = renameRequest(owner);
        Employer other = employer();
        String id = request.get("id").toString();

        ask(other.agent(), owner.serial(), Map.of("employerName", NEW_NAME, "reason", "更名"), PDF)
                .expectStatus().isNotFound();
        for (String path : List.of("/api/v1/information-change-requests/" + id,
                "/api/v1/information-change-requests/" + id + "/scan",
                "/api/v1/certificates/" + owner.serial() + "/information-change-requests")) {
            client.get().uri(path).headers(other.agent()::cookies).exchange().expectStatus().isNotFound();
            client.get().uri(path).headers(owner.agent()::cookies).exchange().expectStatus().isOk();
            client.get().uri(path).headers(TestStaff.as(TestStaff.OPERATOR)).exchange().expectStatus().isForbidden();
        }
        client.post().uri("/api/v1/information-change-requests/" + id + "/approve").headers(owner.agent()::withCsrf)
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/information-change-requests").headers(owner.agent()::cookies).exchange()
                .expectStatus().isForbidden();
        // Customer service changes directly; it does not file requests.
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("employerName", NEW_NAME);
        client.post().uri("/api/v1/certificates/" + other.serial() + "/information-change-requests")
                .headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.MULTIPART_FORM_DATA).body(body)
                .exchange().expectStatus().isForbidden();
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(audit.history("certificate", owner.serial())).extracting(r -> r.entry().action())
                .contains("information-change.request.refused");
        assertThat(certificates.findSuccessor(new BigInteger(owner.serial(), 16))).isEmpty();
    }
}
