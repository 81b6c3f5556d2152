package org.orgcert.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.platform.ClientAuthentication;
import org.orgcert.server.platform.PlatformClients;
import org.orgcert.server.platform.RelyingPlatform;
import org.orgcert.server.platform.RelyingPlatforms;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code --demo} registers the guide's platforms (R-USE-1..3) once: 昆明智慧就业 as the public client the example
 * under examples/ uses on http://127.0.0.1:8081, whose origin the assistant then serves. The same properties as
 * {@link DemoBrowserTest}, so both share one demo context.
 */
@ServiceTest
@AutoConfigureRestTestClient
@TestPropertySource(properties = {"orgcert.demo=true", "orgcert.dev-outbox-visible=true"})
class DemoPlatformsTest extends ServiceTestBase {
    @Autowired
    RelyingPlatforms platforms;
    @Autowired
    PlatformClients clients;
    @Autowired
    DemoPlatforms demo;
    @Autowired
    AuditLog audit;
    @Autowired
    RestTestClient client;

    @Test
    void theDemoRegistersTheGuidesPlatformsOnce_R_USE_1_R_USE_2_R_USE_3() {
        RelyingPlatform kmzhjy = platforms.find("kmzhjy").orElseThrow();
        assertThat(kmzhjy.name()).isEqualTo("“昆明智慧就业”信息平台");
        assertThat(kmzhjy.authentication()).isEqualTo(ClientAuthentication.NONE);
        assertThat(kmzhjy.redirectUris()).containsExactly("http://127.0.0.1:8081/login/oauth2/code/orgcert");
        assertThat(kmzhjy.backchannelLogoutUri()).isEqualTo("http://127.0.0.1:8081/logout/connect/back-channel/orgcert");
        assertThat(kmzhjy.scopes()).containsExactly("openid", "employer", "certificate");
        assertThat(kmzhjy.enabled()).isTrue();
        assertThat(clients.findByClientId("kmzhjy").getClientSettings().isRequireProofKey()).isTrue();
        assertThat(platforms.find("ynjyfw").orElseThrow().name()).isEqualTo("云南省公共就业网上服务办事大厅");
        assertThat(platforms.find("kmgjj").orElseThrow().authentication())
                .isEqualTo(ClientAuthentication.CLIENT_SECRET_BASIC);

        demo.load();
        assertThat(audit.history("platform", "kmzhjy")).singleElement()
                .satisfies(r -> assertThat(r.entry().actor()).isEqualTo("system:demo"));

        @SuppressWarnings("unchecked")
        List<String> origins = (List<String>) client.get().uri("/api/v1/signin/assistant-origins").exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody().get("origins");
        assertThat(origins).contains("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083");
    }
}
