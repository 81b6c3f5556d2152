package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orgcert.key.service.FakeProvider;
import org.orgcert.key.service.ServiceClient;

/** The origins the assistant serves: the provider's registered list, kept fresh, the last good one kept (R-USE-2). */
class RegisteredOriginsTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void theProvidersListPlusItsOwnOriginAndTheConfiguredOnes_R_USE_2() throws Exception {
        try (FakeProvider provider = FakeProvider.start()) {
            provider.listOrigins("{\"origins\":[\"https://zhjy.example.cn\",\"https://gjj.example.cn:8443\","
                    + "\"https://with.path.cn/login\",\"HTTPS://UPPER.CN\",\"null\",\"ftp://x.cn\"]}");
            RegisteredOrigins origins = new RegisteredOrigins(new ServiceClient(provider.url()),
                    List.of("https://extra.example.cn"), log::add);
            String service = provider.url().toString();
            assertThat(origins.all().values()).containsExactlyInAnyOrder(service, "https://extra.example.cn");
            assertThat(origins.platforms().values()).isEmpty();
            assertThat(origins.refresh()).isTrue();
            assertThat(origins.all().values()).containsExactlyInAnyOrder(service, "https://extra.example.cn",
                    "https://zhjy.example.cn", "https://gjj.example.cn:8443");
            // the service and the configured origins use the whole API; the listed platforms sign in only
            assertThat(origins.trusted().values()).containsExactlyInAnyOrder(service, "https://extra.example.cn");
            assertThat(origins.platforms().values()).containsExactlyInAnyOrder("https://zhjy.example.cn",
                    "https://gjj.example.cn:8443");
            assertThat(log).anyMatch(line -> line.contains("4 entries of the service's list were not origins"));

            // the provider drops a platform: it is no longer served after the next read
            provider.listOrigins("{\"origins\":[\"https://gjj.example.cn:8443\"]}");
            assertThat(origins.refresh()).isTrue();
            assertThat(origins.all().allows("https://zhjy.example.cn")).isFalse();
            assertThat(origins.all().allows("https://gjj.example.cn:8443")).isTrue();

            // down, or answering nonsense: the last good list stays
            for (String broken : new String[] {"not json", "{\"origins\":\"https://a.cn\"}", "{\"origins\":[1]}"}) {
                provider.listOrigins(broken);
                assertThat(origins.refresh()).as(broken).isFalse();
                assertThat(origins.all().allows("https://gjj.example.cn:8443")).isTrue();
            }
            provider.originsStatus(503);
            assertThat(origins.refresh()).isFalse();
            assertThat(origins.all().allows("https://gjj.example.cn:8443")).isTrue();
        }
    }

    @Test
    void unreachableAtStartOnlyTheServiceAndConfiguredOriginsAreServed_R_USE_2() {
        RegisteredOrigins origins = new RegisteredOrigins(new ServiceClient(java.net.URI.create(
                "http://127.0.0.1:9/"), Duration.ofSeconds(1)), List.of(), log::add);
        assertThat(origins.refresh()).isFalse();
        assertThat(origins.all().values()).containsExactly("http://127.0.0.1:9");
        assertThat(log).anyMatch(line -> line.contains("could not be read"));
        assertThat(RegisteredOrigins.REFRESH).isEqualTo(Duration.ofMinutes(10));
    }
}
