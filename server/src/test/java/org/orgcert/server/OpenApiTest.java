package org.orgcert.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The REST API describes itself (OpenAPI at /v3/api-docs, browsable at /swagger-ui.html). */
@ServiceTest
@AutoConfigureRestTestClient
class OpenApiTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;

    @Test
    void apiIsDescribed() {
        String spec = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(spec).contains("\"openapi\"", "/api/v1/applications", "/api/v1/audit/verify");
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }
}
