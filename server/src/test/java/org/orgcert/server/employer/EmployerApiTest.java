package org.orgcert.server.employer;

import org.orgcert.server.TestUscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.audit.AuditRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The employer API on real PostgreSQL: registration (R-MAT-1, R-MAT-5), masked personal data encrypted at
 * rest, the immutable USCC (R-CERT-5, R-FEE-1 c), optimistic concurrency, staff decisions on type and
 * jurisdiction (R-FEE interpretation), and the audit trail.
 */
@ServiceTest
@AutoConfigureRestTestClient
class EmployerApiTest extends ServiceTestBase {
    private static final String ID = "11010519491231002X";
    private static final AtomicInteger MOBILES = new AtomicInteger(10_000_000);

    RestTestClient client;

    @Autowired
    void signIn(RestTestClient client) {
        this.client = TestStaff.signedIn(client, TestStaff.CA_CLERK);
    }
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    EmployerDirectory directory;
    @Autowired
    EmployerRepository repository;

    private static String nextMobile() {
        return "139" + MOBILES.getAndIncrement();
    }

    private static Map<String, Object> request(Uscc uscc, String repMobile, String contactMobile) {
        Map<String, Object> body = new HashMap<>();
        body.put("uscc", uscc.value().toLowerCase());
        body.put("name", "昆明测试科技有限公司");
        body.put("address", "昆明市五华区人民中路 1 号");
        body.put("legalRepresentative", Map.of("name", "张三", "idNumber", ID.toLowerCase(), "mobile", repMobile));
        body.put("contacts", List.of(Map.of("name", "李四", "mobile", contactMobile, "email", "li@example.cn")));
        return body;
    }

    private Map<String, Object> create(Map<String, Object> body) {
        return client.post().uri("/api/v1/employers").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isCreated().returnResult(JSON_MAP).getResponseBody();
    }

    private static final Class<Map<String, Object>> JSON_MAP = jsonMap();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> jsonMap() {
        return (Class) Map.class;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    private int employerRows() {
        return jdbc.queryForObject("SELECT count(*) FROM employer", Integer.class);
    }

    @Test
    void createsReadsAndFindsByUsccMaskedRMat1() {
        Uscc uscc = TestUscc.next();
        String repMobile = nextMobile();
        String contactMobile = nextMobile();
        Map<String, Object> created = create(request(uscc, repMobile, contactMobile));
        String id = (String) created.get("id");

        assertThat(created).containsEntry("uscc", uscc.value()).containsEntry("version", 1)
                .containsEntry("type", "ENTERPRISE_OR_INDIVIDUAL_BUSINESS").containsEntry("typeConfirmed", false);
        assertThat(object(created.get("jurisdiction"))).containsEntry("insideKunming", true)
                .containsEntry("overridden", false);
        assertThat(object(created.get("legalRepresentative"))).containsEntry("name", "张三")
                .containsEntry("idNumber", "110105********002X")
                .containsEntry("mobile", repMobile.substring(0, 3) + "****" + repMobile.substring(7));

        String byId = client.get().uri("/api/v1/employers/{id}", id).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        String byUscc = client.get().uri("/api/v1/employers?uscc={u}", uscc.value()).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        for (String body : List.of(byId, byUscc)) {
            assertThat(body).contains(id, "110105********002X", "李四", "li@example.cn")
                    .doesNotContain(ID, "19491231", repMobile, contactMobile);
        }
        client.get().uri("/api/v1/employers/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/employers?uscc={u}", TestUscc.next().value()).exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/employers?uscc=91530102X").exchange().expectStatus().isBadRequest();
    }

    @Test
    void theTablesHoldNoPlainIdOrMobileNumbers() {
        String repMobile = nextMobile();
        String contactMobile = nextMobile();
        UUID id = UUID.fromString((String) create(request(TestUscc.next(), repMobile, contactMobile)).get("id"));

        String rowText = jdbc.queryForObject("SELECT row_to_json(e)::text FROM employer e WHERE id = ?", String.class, id)
                + jdbc.queryForObject("SELECT json_agg(c)::text FROM employer_contact c WHERE employer_id = ?",
                        String.class, id);
        StringBuilder rawBytes = new StringBuilder();
        jdbc.query("SELECT legal_rep_id_number, legal_rep_mobile, legal_rep_mobile_index FROM employer WHERE id = ?",
                rs -> {
                    for (int i = 1; i <= 3; i++) {
                        rawBytes.append(new String(rs.getBytes(i), StandardCharsets.ISO_8859_1));
                    }
                }, id);
        jdbc.query("SELECT mobile FROM employer_contact WHERE employer_id = ?",
                rs -> { rawBytes.append(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)); }, id);
        for (String stored : List.of(rowText, rawBytes.toString())) {
            assertThat(stored).doesNotContain(ID, ID.substring(0, 17), "19491231", repMobile, contactMobile,
                    repMobile.substring(3), contactMobile.substring(3));
        }
        // ... yet they decrypt to what was entered.
        LegalRepresentative rep = repository.find(id).orElseThrow().legalRepresentative();
        assertThat(rep.idNumber().value()).isEqualTo(ID);
        assertThat(rep.mobile().value()).isEqualTo(repMobile);
    }

    @Test
    void aCiphertextCopiedToAnotherEmployerDoesNotDecrypt() {
        UUID a = UUID.fromString((String) create(request(TestUscc.next(), nextMobile(), nextMobile())).get("id"));
        UUID b = UUID.fromString((String) create(request(TestUscc.next(), nextMobile(), nextMobile())).get("id"));
        byte[] original = jdbc.queryForObject("SELECT legal_rep_id_number FROM employer WHERE id = ?", byte[].class, b);
        jdbc.update("UPDATE employer SET legal_rep_id_number = (SELECT legal_rep_id_number FROM employer WHERE id = ?)"
                + " WHERE id = ?", a, b);
        try {
            assertThatThrownBy(() -> directory.find(b)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not decrypt").hasMessageNotContaining(ID);
            assertThat(directory.find(a)).isPresent();
        } finally {
            jdbc.update("UPDATE employer SET legal_rep_id_number = ? WHERE id = ?", original, b);
        }
        assertThat(directory.find(b)).isPresent();
    }

    @Test
    void invalidFieldsAreAllNamedAndNothingIsStoredRMat5() {
        int rows = employerRows();
        long audits = jdbc.queryForObject("SELECT count(*) FROM audit_record", Long.class);
        Map<String, Object> body = request(TestUscc.next(), nextMobile(), nextMobile());
        body.put("uscc", "91530102MA6K00012M");
        body.put("name", " ");
        body.put("type", "COMPANY");
        body.put("legalRepresentative", Map.of("name", "张三", "idNumber", "110105194912310021", "mobile", "12812345678"));
        body.put("contacts", List.of(Map.of("name", "李四", "mobile", "1391234", "email", "not-an-email")));

        Map<String, Object> problem = client.post().uri("/api/v1/employers").contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange().expectStatus().isBadRequest().returnResult(JSON_MAP).getResponseBody();
        Map<String, Object> errors = object(problem.get("errors"));
        assertThat(errors).containsOnlyKeys("uscc", "name", "type", "legalRepresentative.idNumber",
                "legalRepresentative.mobile", "contacts[0].mobile", "contacts[0].email");
        assertThat(errors.get("uscc")).isEqualTo(messageOf(() -> Uscc.parse("91530102MA6K00012M")));
        assertThat((String) errors.get("legalRepresentative.idNumber")).contains("check character");
        assertThat(problem.get("type").toString()).endsWith("/invalid-input");
        assertThat(employerRows()).isEqualTo(rows);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record", Long.class)).isEqualTo(audits);

        Map<String, Object> empty = client.post().uri("/api/v1/employers").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of()).exchange().expectStatus().isBadRequest().returnResult(JSON_MAP).getResponseBody();
        assertThat(object(empty.get("errors"))).containsOnlyKeys("uscc", "name", "address", "legalRepresentative",
                "contacts");
    }

    private static String messageOf(Runnable failing) {
        try {
            failing.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("did not fail");
    }

    @Test
    void aSecondCreateWithTheSameUsccChangesNothingRCert5() {
        Uscc uscc = TestUscc.next();
        String id = (String) create(request(uscc, nextMobile(), nextMobile())).get("id");
        Map<String, Object> again = request(uscc, nextMobile(), nextMobile());
        again.put("name", "另一个名字");
        Map<String, Object> problem = client.post().uri("/api/v1/employers").contentType(MediaType.APPLICATION_JSON)
                .body(again).exchange().expectStatus().isEqualTo(409).returnResult(JSON_MAP).getResponseBody();
        assertThat(problem.get("type").toString()).endsWith("/employer-exists");
        assertThat(problem).containsEntry("employerId", id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM employer WHERE uscc = ?", Integer.class, uscc.value()))
                .isEqualTo(1);
        assertThat(directory.findByUscc(uscc).orElseThrow().name()).isEqualTo("昆明测试科技有限公司");
        assertThat(audit.history("employer", id)).extracting(r -> r.entry().action()).containsExactly("employer.created");
    }

    @Test
    void concurrentCreatesOfOneUsccGiveOneEmployer() throws Exception {
        Uscc uscc = TestUscc.next();
        List<Integer> statuses = inParallel(8, () -> client.post().uri("/api/v1/employers")
                .contentType(MediaType.APPLICATION_JSON).body(request(uscc, nextMobile(), nextMobile())).exchange()
                .returnResult(String.class).getStatus().value());
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM employer WHERE uscc = ?", Integer.class, uscc.value()))
                .isEqualTo(1);
    }

    @Test
    void updatesDetailsButNeverTheUsccRCert5() {
        Uscc uscc = TestUscc.next();
        // A new legal representative keeps the sign-in number here; customer service changes numbers (issue 11 item 5).
        String newRepMobile = nextMobile();
        String id = (String) create(request(uscc, newRepMobile, nextMobile())).get("id");
        String newId = ResidentIdTest.withCheck("53010219800101123");
        Map<String, Object> changes = new HashMap<>();
        changes.put("name", "昆明新名字有限公司");
        changes.put("uscc", uscc.value().toLowerCase());
        changes.put("legalRepresentative", Map.of("name", "王五", "idNumber", newId, "mobile", newRepMobile));
        changes.put("version", 1);
        Map<String, Object> updated = patch(id, changes, 200);
        assertThat(updated).containsEntry("name", "昆明新名字有限公司").containsEntry("version", 2)
                .containsEntry("address", "昆明市五华区人民中路 1 号");
        assertThat(object(updated.get("legalRepresentative"))).containsEntry("idNumber", "530102********" + newId.substring(14));
        assertThat(updated.toString()).doesNotContain(newId, newRepMobile);
        assertThat(repository.find(UUID.fromString(id)).orElseThrow().legalRepresentative().idNumber().value())
                .isEqualTo(newId);

        Map<String, Object> otherUscc = Map.of("uscc", TestUscc.next().value(), "name", "x", "version", 2);
        assertThat(patch(id, otherUscc, 400).get("type").toString()).endsWith("/uscc-immutable");
        assertThat(directory.findByUscc(uscc).orElseThrow().version()).isEqualTo(2);
        assertThatThrownBy(() -> jdbc.update("UPDATE employer SET uscc = ? WHERE id = ?::uuid",
                TestUscc.next().value(), id)).hasMessageContaining("R-CERT-5");

        Map<String, Object> invalid = Map.of("legalRepresentative", Map.of("name", "王五", "idNumber", "123",
                "mobile", newRepMobile), "version", 2);
        assertThat(object(patch(id, invalid, 400).get("errors"))).containsOnlyKeys("legalRepresentative.idNumber");
        assertThat(object(patch(id, Map.of("name", "n"), 400).get("errors"))).containsOnlyKeys("version");
    }

    private Map<String, Object> patch(String id, Map<String, Object> body, int status) {
        return client.patch().uri("/api/v1/employers/{id}", id).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isEqualTo(status).returnResult(JSON_MAP).getResponseBody();
    }

    @Test
    void aChangeBasedOnAStaleVersionIsRefused() throws Exception {
        String id = (String) create(request(TestUscc.next(), nextMobile(), nextMobile())).get("id");
        patch(id, Map.of("address", "昆明市盘龙区 2 号", "version", 1), 200);
        Map<String, Object> stale = patch(id, Map.of("address", "昆明市官渡区 3 号", "version", 1), 409);
        assertThat(stale.get("type").toString()).endsWith("/stale-version");
        assertThat(stale).containsEntry("currentVersion", 2);

        // Several clerks saving the same read at once: exactly one wins, the others are told.
        AtomicInteger n = new AtomicInteger();
        List<Integer> statuses = inParallel(6, () -> client.patch().uri("/api/v1/employers/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("address", "地址 " + n.incrementAndGet(), "version", 2)).exchange()
                .returnResult(String.class).getStatus().value());
        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(directory.find(UUID.fromString(id)).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void theRepositoryUpdateIsACompareAndSet() {
        UUID id = UUID.fromString((String) create(request(TestUscc.next(), nextMobile(), nextMobile())).get("id"));
        Employer read = repository.find(id).orElseThrow();
        Employer first = read.withDetails("first", null, null, null, read.updatedAt());
        Employer second = read.withDetails("second", null, null, null, read.updatedAt());
        assertThat(repository.update(first)).isTrue();
        assertThat(repository.update(second)).isFalse();
        assertThat(repository.find(id).orElseThrow().name()).isEqualTo("first");
    }

    @Test
    void staffConfirmTheTypeAndOverrideTheJurisdictionWithAReasonRMat1RFee() {
        // A law firm (category 31, 司法行政) outside Kunming: no type suggested, outside by division code.
        Uscc lawFirm = TestUscc.of("31", "530302", "MA6K0042");
        Map<String, Object> created = create(request(lawFirm, nextMobile(), nextMobile()));
        String id = (String) created.get("id");
        assertThat(created.get("type")).isNull();
        assertThat(created.get("suggestedType")).isNull();
        assertThat(object(created.get("jurisdiction"))).containsEntry("insideKunming", false);

        Map<String, Object> typed = client.put().uri("/api/v1/employers/{id}/type", id)
                .contentType(MediaType.APPLICATION_JSON).headers(TestStaff.as(TestStaff.REVIEWER))
                .body(Map.of("type", "SOCIAL_ORGANISATION", "version", 1)).exchange().expectStatus().isOk()
                .returnResult(JSON_MAP).getResponseBody();
        assertThat(typed).containsEntry("type", "SOCIAL_ORGANISATION").containsEntry("typeConfirmed", true)
                .containsEntry("version", 2);

        Map<String, Object> noReason = client.put().uri("/api/v1/employers/{id}/jurisdiction", id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("insideKunming", true, "version", 2)).exchange()
                .expectStatus().isBadRequest().returnResult(JSON_MAP).getResponseBody();
        assertThat(object(noReason.get("errors"))).containsOnlyKeys("reason");

        Map<String, Object> overridden = client.put().uri("/api/v1/employers/{id}/jurisdiction", id)
                .contentType(MediaType.APPLICATION_JSON).headers(TestStaff.as(TestStaff.REVIEWER))
                .body(Map.of("insideKunming", true, "reason", "insured in Kunming (bureau letter 2026-12)", "version", 2))
                .exchange().expectStatus().isOk().returnResult(JSON_MAP).getResponseBody();
        assertThat(object(overridden.get("jurisdiction"))).containsEntry("insideKunming", true)
                .containsEntry("overridden", true).containsEntry("overrideReason", "insured in Kunming (bureau letter 2026-12)");

        assertThat(audit.history("employer", id)).extracting(r -> r.entry().actor() + " " + r.entry().action())
                .containsExactly("staff:t-ca-clerk employer.created", "staff:t-reviewer employer.type-confirmed",
                        "staff:t-reviewer employer.jurisdiction-overridden");
    }

    @Test
    void everyChangeIsAuditedWithMaskedNumbersOnly() {
        String repMobile = nextMobile();
        String contactMobile = nextMobile();
        String id = (String) create(request(TestUscc.next(), repMobile, contactMobile)).get("id");
        String newContactMobile = contactMobile;
        patch(id, Map.of("contacts", List.of(Map.of("name", "赵六", "mobile", newContactMobile)), "version", 1), 200);

        List<AuditRecord> history = audit.history("employer", id);
        assertThat(history).extracting(r -> r.entry().action()).containsExactly("employer.created", "employer.updated");
        assertThat(history.get(0).entry().detail()).contains("110105********002X",
                repMobile.substring(0, 3) + "****" + repMobile.substring(7));
        assertThat(history.get(1).entry().detail()).contains("赵六", newContactMobile.substring(7));
        for (AuditRecord record : history) {
            assertThat(record.entry().detail()).doesNotContain(ID, "19491231", repMobile, contactMobile,
                    newContactMobile);
        }
    }

    @Test
    void otherCapabilitiesFindEmployersByMobileAndReadTheLegalRepresentativeForForms() {
        String sharedAgent = nextMobile();
        String a = (String) create(request(TestUscc.next(), nextMobile(), sharedAgent)).get("id");
        String repMobile = nextMobile();
        String b = (String) create(request(TestUscc.next(), repMobile, sharedAgent)).get("id");

        assertThat(directory.findByMobile(MobileNumber.parse("+86 " + sharedAgent)))
                .extracting(v -> v.id().toString()).containsExactlyInAnyOrder(a, b);
        assertThat(directory.findByMobile(MobileNumber.parse(repMobile))).extracting(v -> v.id().toString())
                .containsExactly(b);
        assertThat(directory.findByMobile(MobileNumber.parse(nextMobile()))).isEmpty();
        assertThat(directory.find(UUID.fromString(b)).orElseThrow().toString()).doesNotContain(ID, repMobile);

        LegalRepresentative rep = directory.legalRepresentativeForForms(UUID.fromString(b), "system:application",
                "application form").orElseThrow();
        assertThat(rep.idNumber().value()).isEqualTo(ID);
        assertThat(rep.mobile().value()).isEqualTo(repMobile);
        assertThat(rep.toString()).doesNotContain(ID, repMobile);
        assertThat(audit.history("employer", b)).extracting(r -> r.entry().action())
                .containsExactly("employer.created", "employer.legal-representative-disclosed");
    }

    private static List<Integer> inParallel(int count, Callable<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(task));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
