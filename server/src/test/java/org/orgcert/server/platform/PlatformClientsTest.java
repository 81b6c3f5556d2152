package org.orgcert.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.server.PublicUrl;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.domain.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The platforms as the OIDC provider reads them (R-USE-1..3): an enabled platform is a registered client with the
 * authorization code grant only and PKCE required, a disabled one is unknown; the assistant's origins are the
 * provider's own and the enabled platforms' redirect origins.
 */
@ServiceTest
@AutoConfigureRestTestClient
class PlatformClientsTest extends ServiceTestBase {
    private static final Actor ADMIN = new Actor.Staff("t-admin", org.orgcert.server.domain.StaffRole.BUREAU_ADMIN, null);

    @Autowired
    RelyingPlatforms platforms;
    @Autowired
    PlatformClients clients;
    @Autowired
    PublicUrl publicUrl;
    @Autowired
    RestTestClient client;

    private PlatformWithSecret register(String id, String authentication, boolean consent, List<String> redirects) {
        return platforms.register(new PlatformRegistration(id, "昆明市住房公积金管理中心", redirects,
                List.of("https://gjj.example.gov.cn/"), "https://gjj.example.gov.cn/logout/back-channel",
                List.of("certificate", "employer", "openid"), consent, authentication), ADMIN);
    }

    @Test
    void anEnabledConfidentialPlatformIsAnAuthorizationCodeClientWithPkce_R_USE_3() {
        String id = PlatformApi.newClientId();
        String secret = register(id, "client_secret_basic", true, List.of("https://gjj.example.gov.cn/cb")).secret();
        RegisteredClient registered = clients.findByClientId(id);
        assertThat(registered.getId()).isEqualTo(id);
        assertThat(registered.getClientId()).isEqualTo(id);
        assertThat(registered.getClientName()).isEqualTo("昆明市住房公积金管理中心");
        assertThat(registered.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.AUTHORIZATION_CODE);
        assertThat(registered.getClientAuthenticationMethods())
                .containsExactly(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(registered.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(registered.getClientSettings().isRequireAuthorizationConsent()).isTrue();
        assertThat(registered.getTokenSettings().getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.ES256);
        assertThat(registered.getScopes()).containsExactlyInAnyOrder("openid", "employer", "certificate");
        assertThat(registered.getRedirectUris()).containsExactly("https://gjj.example.gov.cn/cb");
        assertThat(registered.getPostLogoutRedirectUris()).containsExactly("https://gjj.example.gov.cn/");
        // The stored hash with its id prefix: what the provider's (and Spring's default) DelegatingPasswordEncoder checks.
        assertThat(registered.getClientSecret()).startsWith("{bcrypt}$2");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(secret,
                registered.getClientSecret())).isTrue();
        assertThat(clients.findById(id)).isEqualTo(registered);
        assertThat(clients.backchannelLogoutUri(id)).contains("https://gjj.example.gov.cn/logout/back-channel");

        platforms.disable(id, ADMIN);
        assertThat(clients.findByClientId(id)).isNull();
        assertThat(clients.findById(id)).isNull();
        assertThat(clients.backchannelLogoutUri(id)).as("its earlier sign-ins may still be ended")
                .contains("https://gjj.example.gov.cn/logout/back-channel");
        assertThat(clients.findByClientId("t-nowhere")).isNull();
        assertThat(clients.findByClientId("NOT A CLIENT ID")).isNull();
        assertThat(clients.backchannelLogoutUri("t-nowhere")).isEmpty();
    }

    @Test
    void aPublicPlatformHasNoSecretAndItsOwnConsentSetting() {
        String id = PlatformApi.newClientId();
        register(id, "none", false, List.of("http://127.0.0.1:8081/login/oauth2/code/orgcert"));
        RegisteredClient registered = clients.findByClientId(id);
        assertThat(registered.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(registered.getClientSecret()).isNull();
        assertThat(registered.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(registered.getClientSettings().isRequireAuthorizationConsent()).isFalse();
    }

    @Test
    void platformsAreRegisteredOnlyThroughRelyingPlatforms() {
        String id = PlatformApi.newClientId();
        register(id, "none", true, List.of("https://x.example.gov.cn/cb"));
        assertThatThrownBy(() -> clients.save(clients.findByClientId(id)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theAssistantServesTheProvidersOriginThenEveryEnabledPlatformsRedirectOrigins() {
        String a = PlatformApi.newClientId();
        String b = PlatformApi.newClientId();
        register(a, "none", true, List.of("https://" + a + ".Example.GOV.cn:443/login/oauth2/code/orgcert",
                "https://" + a + ".example.gov.cn/other", "http://127.0.0.1:8081/login/oauth2/code/orgcert"));
        register(b, "client_secret_basic", true, List.of("https://" + b + ".example.gov.cn:8443/cb"));
        assertThat(clients.assistantOrigins()).contains("https://" + a + ".example.gov.cn", "http://127.0.0.1:8081",
                "https://" + b + ".example.gov.cn:8443").doesNotHaveDuplicates()
                .allSatisfy(origin -> assertThat(origin).matches("https?://[a-z0-9.\\[\\]:-]+"));

        platforms.disable(b, ADMIN);
        @SuppressWarnings("unchecked")
        List<String> origins = (List<String>) client.get().uri("/api/v1/signin/assistant-origins").exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody().get("origins");
        assertThat(origins.get(0)).isEqualTo(PlatformUris.origin(publicUrl.base()));
        assertThat(origins).contains("https://" + a + ".example.gov.cn", "http://127.0.0.1:8081")
                .doesNotContain("https://" + b + ".example.gov.cn:8443").doesNotHaveDuplicates();
    }
}
