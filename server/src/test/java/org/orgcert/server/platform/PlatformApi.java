package org.orgcert.server.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.TestStaff;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Drives {@code /api/v1/platforms} in tests as a script would: JSON maps, HTTP Basic as a {@link TestStaff} user. */
final class PlatformApi {
    private final RestTestClient client;

    PlatformApi(RestTestClient client) {
        this.client = client;
    }

    /** A client id no other test uses. */
    static String newClientId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid registration body for {@code clientId}. */
    static Map<String, Object> body(String clientId, String authentication) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("name", "昆明智慧就业（测试）");
        body.put("redirectUris", new ArrayList<>(List.of("https://" + clientId + ".example.gov.cn/login/oauth2/code/orgcert")));
        body.put("postLogoutRedirectUris", new ArrayList<>(List.of("https://" + clientId + ".example.gov.cn/")));
        body.put("backchannelLogoutUri", "https://" + clientId + ".example.gov.cn/logout/connect/back-channel/orgcert");
        body.put("scopes", new ArrayList<>(List.of("openid", "employer")));
        body.put("requireConsent", true);
        body.put("clientAuthentication", authentication);
        return body;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> register(Map<String, Object> body, int status) {
        return client.post().uri("/api/v1/platforms").headers(TestStaff.as(TestStaff.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isEqualTo(status)
                .returnResult(Map.class).getResponseBody();
    }

    /** Registers a valid confidential platform; returns the answer (with its {@code clientSecret}). */
    Map<String, Object> register(String clientId) {
        return register(body(clientId, "client_secret_basic"), 201);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String clientId, int status) {
        return client.get().uri("/api/v1/platforms/{id}", clientId).headers(TestStaff.as(TestStaff.ADMIN)).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> patch(String clientId, Map<String, Object> changes, int status) {
        return client.patch().uri("/api/v1/platforms/{id}", clientId).headers(TestStaff.as(TestStaff.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).body(changes).exchange().expectStatus().isEqualTo(status)
                .returnResult(Map.class).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(String clientId, String action, int status) {
        return client.post().uri("/api/v1/platforms/{id}/{action}", clientId, action)
                .headers(TestStaff.as(TestStaff.ADMIN)).exchange().expectStatus().isEqualTo(status)
                .returnResult(Map.class).getResponseBody();
    }
}
