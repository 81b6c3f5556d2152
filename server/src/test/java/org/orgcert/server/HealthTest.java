package org.orgcert.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The service starts on real PostgreSQL, migrates its schema and reports itself healthy. */
@ServiceTest
@AutoConfigureRestTestClient
class HealthTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void healthIsUpAndTheSchemaIsMigrated() {
        String body = client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody();
        assertThat(body).contains("\"status\":\"UP\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
                .isPositive();
    }
}
