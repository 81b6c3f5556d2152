package org.orgcert.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.audit.AuditRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Issue 13 item 2 over HTTP: the bureau's administrator registers the platforms that accept the certificate
 * (R-USE-1..3), changes them on the version read, replaces a secret, disables and enables them; each change is
 * audited without the secret, and the secret is in the answer that made it and nowhere else.
 */
@ServiceTest
@AutoConfigureRestTestClient
class PlatformApiTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AuditLog audit;
    @Autowired
    PlatformClients clients;
    PlatformApi api;

    @BeforeEach
    void api() {
        api = new PlatformApi(client);
    }

    @Test
    void aConfidentialPlatformGetsASecretShownOnceAndKeptOnlyAsItsHash_R_USE_1() {
        String id = PlatformApi.newClientId();
        var answer = client.post().uri("/api/v1/platforms").headers(TestStaff.as(TestStaff.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).body(PlatformApi.body(id, "client_secret_basic")).exchange()
                .expectStatus().isCreated().expectHeader().location("/api/v1/platforms/" + id)
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .returnResult(Map.class);
        Map<?, ?> created = answer.getResponseBody();
        String secret = (String) created.get("clientSecret");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.get("enabled")).isEqualTo(true);
        assertThat(created.get("scopes")).isEqualTo(List.of("openid", "employer"));
        assertThat(created.get("clientAuthentication")).isEqualTo("client_secret_basic");

        String hash = jdbc.queryForObject("SELECT client_secret_hash FROM relying_platform WHERE client_id = ?",
                String.class, id);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(secret);
        assertThat(encoder.matches(secret, hash)).isTrue();

        // Never again: not in the platform, not in the list, not in the audit log.
        String one = client.get().uri("/api/v1/platforms/{id}", id).headers(TestStaff.as(TestStaff.ADMIN)).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody();
        String all = client.get().uri("/api/v1/platforms").headers(TestStaff.as(TestStaff.ADMIN)).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody();
        assertThat(one).contains(id).doesNotContain(secret, "clientSecret", "bcrypt");
        assertThat(all).contains(id).doesNotContain(secret, "clientSecret", "bcrypt");
        assertThat(audit.history("platform", id)).singleElement().satisfies(r -> {
            assertThat(r.entry().actor()).isEqualTo("staff:t-admin");
            assertThat(r.entry().action()).isEqualTo("platform.registered");
            assertThat(r.entry().detail()).contains("昆明智慧就业（测试）", "client_secret_basic")
                    .doesNotContain(secret, hash.substring(8));
        });
    }

    @Test
    void aPublicClientHasNoSecretToShowOrRotate() {
        String id = PlatformApi.newClientId();
        Map<String, Object> created = api.register(PlatformApi.body(id, "none"), 201);
        assertThat(created).doesNotContainKey("clientSecret");
        assertThat(created.get("clientAuthentication")).isEqualTo("none");
        assertThat(jdbc.queryForObject("SELECT client_secret_hash FROM relying_platform WHERE client_id = ?",
                String.class, id)).isNull();
        assertThat(api.post(id, "secret", 409).get("type")).asString().endsWith("/public-client-has-no-secret");
    }

    @Test
    void everyBadFieldIsNamedAtOnceAndNothingIsSaved() {
        Map<String, Object> body = PlatformApi.body("Bad_ID", "private_key_jwt");
        body.put("name", "昆明\t智慧就业");
        body.put("redirectUris", List.of("https://ok.example.gov.cn/cb", "not a uri", "https://p.example.gov.cn/cb#x",
                "http://p.example.gov.cn/cb", "ftp://p.example.gov.cn/cb", "/relative/cb"));
        body.put("postLogoutRedirectUris", List.of("http://10.0.0.1/"));
        body.put("backchannelLogoutUri", "https://p.example.gov.cn/logout#frag");
        body.put("scopes", List.of("openid", "email"));
        Map<String, Object> refused = api.register(body, 400);
        assertThat(refused.get("type")).asString().endsWith("/invalid-input");
        assertThat(refused.get("problems")).isEqualTo(Map.ofEntries(
                Map.entry("clientId", "client-id-format"),
                Map.entry("name", "not-plain-text"),
                Map.entry("redirectUris[1]", "uri-invalid"),
                Map.entry("redirectUris[2]", "uri-fragment"),
                Map.entry("redirectUris[3]", "uri-http-not-loopback"),
                Map.entry("redirectUris[4]", "uri-scheme"),
                Map.entry("redirectUris[5]", "uri-invalid"),
                Map.entry("postLogoutRedirectUris[0]", "uri-http-not-loopback"),
                Map.entry("backchannelLogoutUri", "uri-fragment"),
                Map.entry("scopes[1]", "scope-unknown"),
                Map.entry("clientAuthentication", "authentication-unknown")));
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) refused.get("errors");
        assertThat(errors.keySet()).isEqualTo(((Map<?, ?>) refused.get("problems")).keySet());
        assertThat(errors).containsEntry("name", "contains the control character U+0009 at position 3; only printable text is"
                        + " accepted");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM relying_platform WHERE client_id = 'Bad_ID'",
                Long.class)).isZero();
    }

    @Test
    void requiredFieldsAndOpenidAreNamed() {
        Map<String, Object> body = PlatformApi.body(null, null);
        body.put("name", " ");
        body.put("redirectUris", List.of());
        body.put("scopes", List.of("employer", "certificate"));
        Map<String, Object> refused = api.register(body, 400);
        assertThat(refused.get("problems")).isEqualTo(Map.of("clientId", "required", "name", "required",
                "redirectUris", "required", "scopes", "openid-required", "clientAuthentication", "required"));
    }

    @Test
    void aNulInAnyTextIsRefusedAtTheEdge() {
        Map<String, Object> body = PlatformApi.body(PlatformApi.newClientId(), "none");
        body.put("name", "昆明\u0000智慧就业");
        Map<String, Object> refused = api.register(body, 400);
        assertThat(refused.get("type")).asString().endsWith("/invalid-input");
        assertThat(refused.get("errors")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("name");
        assertThat(api.get((String) body.get("clientId"), 404).get("type")).asString().endsWith("/platform-not-found");
    }

    @Test
    void httpIsAcceptedOnThisMachineOnlyForADemo() {
        String id = PlatformApi.newClientId();
        Map<String, Object> body = PlatformApi.body(id, "none");
        body.put("redirectUris", List.of("http://127.0.0.1:8081/login/oauth2/code/orgcert",
                "http://localhost:8081/login/oauth2/code/orgcert", "http://[::1]:8081/cb"));
        body.put("backchannelLogoutUri", "http://127.0.0.1:8081/logout/connect/back-channel/orgcert");
        assertThat(api.register(body, 201).get("redirectUris")).isEqualTo(body.get("redirectUris"));
    }

    @Test
    void aTakenClientIdIsAConflict() {
        String id = PlatformApi.newClientId();
        api.register(id);
        Map<String, Object> refused = api.register(PlatformApi.body(id, "none"), 409);
        assertThat(refused.get("type")).asString().endsWith("/platform-exists");
        assertThat(api.get(id, 200).get("clientAuthentication")).isEqualTo("client_secret_basic");
        assertThat(audit.history("platform", id)).hasSize(1);
    }

    @Test
    void aChangeIsMadeOnTheVersionReadAndAudited() {
        String id = PlatformApi.newClientId();
        api.register(id);
        Map<String, Object> changed = api.patch(id, Map.of("version", 0, "name", "云南省公共就业网上服务大厅",
                "scopes", List.of("certificate", "openid"), "requireConsent", false, "backchannelLogoutUri", ""), 200);
        assertThat(changed.get("version")).isEqualTo(1);
        assertThat(changed.get("name")).isEqualTo("云南省公共就业网上服务大厅");
        assertThat(changed.get("scopes")).isEqualTo(List.of("openid", "certificate"));
        assertThat(changed.get("requireConsent")).isEqualTo(false);
        assertThat(changed.get("backchannelLogoutUri")).isNull();
        assertThat(changed.get("redirectUris")).isEqualTo(List.of("https://" + id
                + ".example.gov.cn/login/oauth2/code/orgcert"));
        assertThat(api.get(id, 200)).isEqualTo(changed);

        // A change made on the old read is refused, and says which version is current.
        Map<String, Object> stale = api.patch(id, Map.of("version", 0, "name", "另一个名称"), 409);
        assertThat(stale.get("type")).asString().endsWith("/platform-changed");
        assertThat(stale.get("currentVersion")).isEqualTo(1);
        assertThat(api.patch(id, Map.of("name", "另一个名称"), 400).get("errors")).isEqualTo(Map.of("version",
                "is required"));
        assertThat(api.patch(id, Map.of("version", 1, "redirectUris", List.of("https://x.example/cb#f")), 400)
                .get("problems")).isEqualTo(Map.of("redirectUris[0]", "uri-fragment"));

        List<AuditRecord> history = audit.history("platform", id);
        assertThat(history).extracting(r -> r.entry().action()).containsExactly("platform.registered",
                "platform.updated");
        assertThat(history.get(1).entry().detail()).contains("name: 昆明智慧就业（测试） -> 云南省公共就业网上服务大厅",
                "scopes: openid employer -> openid certificate", "consent required: true -> false",
                "back-channel logout: https://");
        assertThat(api.patch("t-nowhere", Map.of("version", 0), 404).get("type")).asString()
                .endsWith("/platform-not-found");
    }

    @Test
    void aNewSecretReplacesTheOldOneAndIsShownOnce() {
        String id = PlatformApi.newClientId();
        String first = (String) api.register(id).get("clientSecret");
        Map<String, Object> rotated = api.post(id, "secret", 200);
        String second = (String) rotated.get("clientSecret");
        assertThat(second).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
        assertThat(rotated.get("version")).isEqualTo(1);
        String hash = jdbc.queryForObject("SELECT client_secret_hash FROM relying_platform WHERE client_id = ?",
                String.class, id);
        assertThat(encoder.matches(second, hash)).isTrue();
        assertThat(encoder.matches(first, hash)).as("the old secret no longer works").isFalse();
        assertThat(api.get(id, 200)).doesNotContainKey("clientSecret");
        assertThat(audit.history("platform", id)).extracting(r -> r.entry().action())
                .containsExactly("platform.registered", "platform.secret-rotated");
        assertThat(audit.history("platform", id)).allSatisfy(r ->
                assertThat(r.entry().detail()).doesNotContain(first, second, hash.substring(8)));
    }

    @Test
    void aDisabledPlatformIsUnknownToTheProviderUntilEnabled() {
        String id = PlatformApi.newClientId();
        api.register(id);
        assertThat(clients.findByClientId(id)).isNotNull();
        assertThat(api.post(id, "disable", 200).get("enabled")).isEqualTo(false);
        assertThat(clients.findByClientId(id)).isNull();
        assertThat(clients.findById(id)).isNull();
        api.post(id, "disable", 200);
        assertThat(api.post(id, "enable", 200).get("enabled")).isEqualTo(true);
        assertThat(clients.findByClientId(id)).isNotNull();
        assertThat(audit.history("platform", id)).extracting(r -> r.entry().action())
                .containsExactly("platform.registered", "platform.disabled", "platform.enabled");
        api.post("t-nowhere", "disable", 404);
    }

    @Test
    void theAdministratorChangesPlatformsTheAuditorReadsNobodyElse() {
        String id = PlatformApi.newClientId();
        api.register(id);
        Map<String, Object> body = PlatformApi.body(PlatformApi.newClientId(), "none");
        for (String user : List.of(TestStaff.clerk("wuhua"), TestStaff.REVIEWER, TestStaff.SERVICE)) {
            client.get().uri("/api/v1/platforms").headers(TestStaff.as(user)).exchange().expectStatus().isForbidden();
            client.get().uri("/api/v1/platforms/{id}", id).headers(TestStaff.as(user)).exchange().expectStatus()
                    .isForbidden();
            client.post().uri("/api/v1/platforms").headers(TestStaff.as(user)).contentType(MediaType.APPLICATION_JSON)
                    .body(body).exchange().expectStatus().isForbidden();
        }
        client.get().uri("/api/v1/platforms/{id}", id).headers(TestStaff.as(TestStaff.AUDITOR)).exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/platforms").headers(TestStaff.as(TestStaff.AUDITOR))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/platforms/{id}/disable", id).headers(TestStaff.as(TestStaff.AUDITOR)).exchange()
                .expectStatus().isForbidden();
        client.patch().uri("/api/v1/platforms/{id}", id).headers(TestStaff.as(TestStaff.AUDITOR))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", 0, "name", "x")).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/v1/platforms").exchange().expectStatus().isUnauthorized();
        assertThat(audit.history("platform", (String) body.get("clientId"))).isEmpty();
        assertThat(api.get(id, 200).get("version")).isEqualTo(0);
    }
}
