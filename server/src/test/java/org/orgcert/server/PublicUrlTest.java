package org.orgcert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What certificates name as the service's address (issue 12: a default install wrote http://localhost:8080
 * into certificates relying platforms check).
 */
class PublicUrlTest {

    @Test
    void aLoopbackDeploymentWithoutAPublicUrlNamesLocalhostAndMayIssue() {
        PublicUrl url = PublicUrl.of("", "127.0.0.1", "8080");
        assertThat(url.base()).isEqualTo("http://localhost:8080");
        assertThat(url.settled()).isTrue();
        assertThat(PublicUrl.of(null, "::1", "9000").settled()).isTrue();
        assertThat(PublicUrl.of(null, "localhost", "9000").settled()).isTrue();
    }

    @Test
    void aDeploymentListeningBeyondLoopbackWithoutAPublicUrlMayNotIssue() {
        assertThat(PublicUrl.of("", "0.0.0.0", "8080").settled()).isFalse();
        assertThat(PublicUrl.of(" ", "", "8080").settled()).isFalse(); // no address: every interface
        assertThat(PublicUrl.of(null, "192.0.2.10", "8080").settled()).isFalse();
    }

    @Test
    void aConfiguredPublicUrlIsWhatCertificatesName() {
        PublicUrl url = PublicUrl.of("https://ca.example.gov.cn/orgcert/", "0.0.0.0", "8080");
        assertThat(url.base()).isEqualTo("https://ca.example.gov.cn/orgcert");
        assertThat(url.settled()).isTrue();
    }

    @Test
    void aPublicUrlThatIsNoAbsoluteHttpUrlStopsTheStart() {
        assertThatThrownBy(() -> PublicUrl.of("ca.example.gov.cn", "0.0.0.0", "8080"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ORGCERT_PUBLIC_URL");
        assertThatThrownBy(() -> PublicUrl.of("ftp://ca.example.gov.cn", "0.0.0.0", "8080"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PublicUrl.of("http://ca example", "0.0.0.0", "8080"))
                .isInstanceOf(IllegalStateException.class);
    }
}
