package org.orgcert.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Without {@code --demo} there is no demo page, no banner and no one reading the demo's SMS. */
@ServiceTest
@AutoConfigureRestTestClient
class DemoOffTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    ApplicationContext context;

    @Test
    void aRealServiceHasNoDemoPageNorDemoPhone() {
        client.get().uri("/demo").exchange().expectStatus().isNotFound();
        String home = client.get().uri("/").exchange().expectStatus().isOk().returnResult(String.class)
                .getResponseBody();
        assertThat(home).doesNotContain("demo-banner");
        assertThat(context.getBeanNamesForType(DemoSms.class)).isEmpty();
    }
}
