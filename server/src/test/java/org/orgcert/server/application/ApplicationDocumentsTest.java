package org.orgcert.server.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Scans of the papers (R-MAT-1..5): PDF, JPEG, PNG by content, at most 10 MB, refused with a reason otherwise. */
@ServiceTest
@AutoConfigureRestTestClient
class ApplicationDocumentsTest extends ServiceTestBase {
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    private RestTestClient.ResponseSpec upload(Object id, String user, String item, String filename, byte[] content) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("item", item);
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return client.post().uri("/api/v1/applications/" + id + "/documents").headers(TestStaff.as(user))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(body).exchange();
    }

    @Test
    void scansAreStoredByContentTypeAndReadBack_R_MAT_1() {
        Object id = new ApplicationApi(client).submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201)
                .get("id");
        upload(id, TestStaff.CA_CLERK, "BUSINESS_LICENCE_COPY", "营业执照.pdf", PDF).expectStatus().isCreated()
                .expectBody().jsonPath("$.type").isEqualTo("PDF").jsonPath("$.sizeBytes").isEqualTo(PDF.length);
        upload(id, TestStaff.CA_CLERK, "APPLICATION_FORM", "form.png", PNG).expectStatus().isCreated();
        String documentId = client.get().uri("/api/v1/applications/" + id + "/documents")
                .headers(TestStaff.as(TestStaff.CA_CLERK)).exchange().expectStatus().isOk().expectBody(
                        new org.springframework.core.ParameterizedTypeReference<java.util.List<Map<String, Object>>>() {
                        }).returnResult().getResponseBody().get(0).get("id").toString();
        byte[] back = client.get().uri("/api/v1/applications/" + id + "/documents/" + documentId)
                .headers(TestStaff.as(TestStaff.CA_CLERK)).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .returnResult(byte[].class).getResponseBody();
        assertThat(back).isEqualTo(PDF);
    }

    @Test
    void aDisguisedOversizedOrEmptyFileIsRefusedWithAReasonAndNothingIsStored_R_MAT_1() {
        Object id = new ApplicationApi(client).submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201)
                .get("id");
        byte[] executable = Arrays.copyOf("MZ\u0090\u0000 this program cannot be run in DOS mode".getBytes(), 200);
        upload(id, TestStaff.CA_CLERK, "BUSINESS_LICENCE_COPY", "licence.pdf", executable).expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("PDF, JPEG and PNG"));
        byte[] big = Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1);
        upload(id, TestStaff.CA_CLERK, "BUSINESS_LICENCE_COPY", "big.pdf", big).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("10 MB"));
        byte[] huge = Arrays.copyOf(PDF, 14 * 1024 * 1024);
        upload(id, TestStaff.CA_CLERK, "BUSINESS_LICENCE_COPY", "huge.pdf", huge).expectStatus().isEqualTo(413);
        upload(id, TestStaff.CA_CLERK, "MAILING_ADDRESS_FORM", "x.pdf", PDF).expectStatus().isBadRequest(); // not required
        assertThat(jdbc.queryForObject("SELECT count(*) FROM application_document WHERE application_id = ?::uuid",
                Integer.class, id.toString())).isZero();
        // A window clerk sees only their window's applications, not the hall's.
        upload(id, TestStaff.clerk("fumin"), "BUSINESS_LICENCE_COPY", "x.pdf", PDF).expectStatus().isForbidden();
    }
}
