package org.orgcert.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Bad input that used to reach the database (issue 11 item 9): a NUL or another control character, an unknown
 * enum value, a request the firewall or Tomcat refuses. Each gets a 400 problem+json that names the field, through
 * the real HTTP server, and nothing is stored.
 */
@ServiceTest
@AutoConfigureRestTestClient
class BadInputRefusedByServerTest extends ServiceTestBase {
    private static final String NUL = "\u0000";
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }

    private static void assertNamesField(Map<?, ?> problem, String field) {
        assertThat(problem.get("status")).isEqualTo(400);
        assertThat(problem.get("type").toString()).startsWith(Problems.TYPE_BASE);
        assertThat(((Map<?, ?>) problem.get("errors")).containsKey(field)).as("errors of %s", problem).isTrue();
    }

    private Map<?, ?> submitApplication(Map<String, Object> form) {
        return client.post().uri("/api/v1/applications").headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.APPLICATION_JSON).body(form).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(Map.class).getResponseBody();
    }

    @Test
    void aNulInANameIsRefusedNamingTheFieldAndNothingIsStored() {
        int before = count("application");
        Map<String, Object> form = ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false);
        form.put("employerName", "昆明市" + NUL + "有限公司");
        assertNamesField(submitApplication(form), "employerName");
        assertThat(count("application")).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNulInAMailingRecipientIsRefusedNamingTheFieldAndNothingIsStored() {
        int before = count("application");
        Map<String, Object> form = ApplicationApi.form("CA_HALL", "MAIL", null, true);
        Map<String, Object> address = new LinkedHashMap<>((Map<String, Object>) form.get("mailingAddress"));
        address.put("recipient", "李" + NUL + "四");
        form.put("mailingAddress", address);
        assertNamesField(submitApplication(form), "mailingAddress.recipient");
        assertThat(count("application")).isEqualTo(before);
    }

    @Test
    void aNulInAPaymentRemarkIsRefusedNamingTheFieldAndNothingIsStored() {
        int before = count("payment");
        String reference = "NUL" + UUID.randomUUID().toString().substring(0, 8);
        Map<?, ?> problem = client.post().uri("/api/v1/payments").headers(TestStaff.as(TestStaff.SERVICE))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reference", reference, "method", "WECHAT",
                        "payerName", "王五", "amount", 16000, "paidAt", "2026-06-15T01:30:00Z", "remark", "续期" + NUL))
                .exchange().expectStatus().isBadRequest().returnResult(Map.class).getResponseBody();
        assertNamesField(problem, "remark");
        // The same remark in a bank statement: the line and the field are named, nothing is imported.
        String csv = "reference,method,payer_name,amount_yuan,paid_at,remark\n" + reference
                + ",WECHAT,王五,160.00,2026-06-15T09:30:00,续期" + NUL + "\n";
        problem = client.post().uri("/api/v1/payments/import").headers(TestStaff.as(TestStaff.SERVICE))
                .contentType(MediaType.parseMediaType("text/csv")).body(csv).exchange().expectStatus().isBadRequest()
                .returnResult(Map.class).getResponseBody();
        assertNamesField(problem, "line 2: remark");
        assertThat(count("payment")).isEqualTo(before);
    }

    @Test
    void aNulInARegistryCsvFieldIsRefusedNamingLineAndFieldAndNothingIsImported() {
        int before = count("insurance_record");
        String csv = "record_id,uscc,name,legal_representative,insuring_division\n"
                + "R-nul-ok," + TestUscc.next() + ",某公司,某人,530102\n"
                + "R-nul-bad," + TestUscc.next() + ",某" + NUL + "公司,某人,530102\n";
        Map<?, ?> problem = client.post().uri("/api/v1/registry/import").headers(TestStaff.as(TestStaff.REVIEWER))
                .contentType(MediaType.parseMediaType("text/csv")).body(csv.getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().isBadRequest().returnResult(Map.class).getResponseBody();
        assertNamesField(problem, "line 3: name");
        assertThat(count("insurance_record")).isEqualTo(before);
    }

    @Test
    void aControlCharacterInAnUploadFileNameIsRefusedNamingTheFieldAndNothingIsStored() throws IOException {
        Object id = new ApplicationApi(client).submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201)
                .get("id");
        int before = count("application_document");
        // Tomcat refuses a NUL while parsing the whole body, before it knows the part: the header parameter is named.
        assertNamesField(upload(id, "licence" + NUL + ".pdf"), "filename");
        // Any other control character is refused naming the part.
        assertNamesField(upload(id, "licence\u0007.pdf"), "file");
        assertThat(count("application_document")).isEqualTo(before);
    }

    /** Uploads a PDF named {@code filename}, byte for byte as given, and expects a 400 problem. */
    private Map<?, ?> upload(Object id, String filename) throws IOException {
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nBUSINESS_LICENCE_COPY\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(PDF);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.post().uri("/api/v1/applications/" + id + "/documents")
                .headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .body(body.toByteArray()).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(Map.class).getResponseBody();
    }

    @Test
    void aNulInAQueryParameterIsRefusedNamingTheParameter() {
        // A parameter the endpoint does not even read: checked all the same, before the controller runs.
        Map<?, ?> problem = client.get().uri("/api/v1/quotes?kind=NEW&uscc={uscc}&note={note}", TestUscc.next().value(),
                        "a" + NUL + "b")
                .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(Map.class).getResponseBody();
        assertNamesField(problem, "note");
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        int before = count("application");
        Map<String, Object> form = ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false);
        form.put("channel", "BY_PIGEON");
        Map<?, ?> problem = submitApplication(form);
        assertNamesField(problem, "channel");
        assertThat(((Map<?, ?>) problem.get("errors")).get("channel").toString()).contains("CA_HALL");
        assertThat(count("application")).isEqualTo(before);
        // As a query parameter too.
        problem = client.get().uri("/api/v1/quotes?kind=NEWISH&uscc=" + TestUscc.next().value()).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(Map.class).getResponseBody();
        assertNamesField(problem, "kind");
        assertThat(((Map<?, ?>) problem.get("errors")).get("kind").toString()).contains("RENEWAL");
    }

    @Test
    void malformedJsonAndAWrongTypeAreProblems() {
        Map<?, ?> problem = client.post().uri("/api/v1/applications").headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.APPLICATION_JSON).body("{\"kind\": \"NEW\", ").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(Map.class).getResponseBody();
        assertThat(problem.get("type").toString()).endsWith("/malformed-json");
        Map<String, Object> form = ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false);
        form.put("legalRepInPerson", Map.of("yes", "please"));
        assertNamesField(submitApplication(form), "legalRepInPerson");
    }

    @Test
    void theFirewallsRefusalIsAProblem() throws IOException {
        for (String path : new String[] {"/api/v1/applications/a%2Fb", "/api/v1/applications;x=1"}) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").containsIgnoringCase(
                    "Content-Type: application/problem+json").contains("/problems/request-rejected");
        }
    }

    @Test
    void tomcatsOwnRefusalOfABadRequestLineIsAProblemOnTheApi() throws IOException {
        String answer = raw("GET /api/v1/quotes?kind=NEW&uscc={x} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("/problems/bad-request");
    }

    @Test
    void aPagesFirewallRefusalIsThePortalsErrorPage() throws IOException {
        String answer = raw("GET /materials;x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
                .contains("id=\"error-message\"");
    }

    @Test
    void headersLargerThanTomcatReadsAreAProblemOnTheApi() throws IOException {
        String answer = raw("GET /api/v1/windows HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 4").containsIgnoringCase("Content-Type: application/problem+json");
    }

    @Test
    void moreParametersThanTomcatReadsAreAProblemOnTheApi() throws IOException {
        String answer = raw("GET /api/v1/windows?" + "a=1&".repeat(1100) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("/problems/bad-request");
    }

    @Test
    void moreParametersThanTomcatReadsAreTheErrorPageOnAPage() throws IOException {
        String answer = raw("GET /materials?" + "a=1&".repeat(1100) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
                .contains("id=\"error-message\"");
    }

    /** Sends {@code request} as it is, byte for byte, and returns the whole answer. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
