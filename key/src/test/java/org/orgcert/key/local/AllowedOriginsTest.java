package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Origins are compared exactly, in the form browsers send. */
class AllowedOriginsTest {
    @Test
    void originsAreReducedToTheBrowsersForm() {
        assertThat(AllowedOrigins.originOf(URI.create("http://localhost:8080"))).isEqualTo("http://localhost:8080");
        assertThat(AllowedOrigins.originOf(URI.create("HTTPS://ZHJY.Example.CN:443/"))).isEqualTo(
                "https://zhjy.example.cn");
        assertThat(AllowedOrigins.originOf(URI.create("http://example.cn:80/portal"))).isEqualTo("http://example.cn");
        AllowedOrigins origins = AllowedOrigins.of(List.of("https://zhjy.example.cn/", "http://localhost:8080"));
        assertThat(origins.allows("https://zhjy.example.cn")).isTrue();
        assertThat(origins.allows("http://localhost:8080")).isTrue();
        assertThat(origins.allows("http://localhost:8081")).isFalse();
        assertThat(origins.allows("null")).isFalse();
        assertThat(origins.allows(null)).isFalse();
    }

    @Test
    void wildcardsPathsAndOtherSchemesAreRefused() {
        for (String bad : new String[] {"*", "null", "file:///tmp/page.html", "https://zhjy.example.cn/portal",
                "https://user@zhjy.example.cn", "https://zhjy.example.cn?x=1", "zhjy.example.cn"}) {
            assertThatThrownBy(() -> AllowedOrigins.of(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AllowedOrigins.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
