package org.orgcert.server.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.PublicUrl;
import org.springframework.mock.env.MockEnvironment;

/**
 * The CA key stores' passphrase is made once, on the first start of the service, and never again: a start that
 * finds the key stores but neither ORGCERT_CA_PASSPHRASE nor {@code ca/passphrase} (a cron job or a service
 * manager that did not load the variable) refuses and leaves no new, wrong passphrase file behind
 * (review of issue 12, finding 7).
 */
class CaPassphraseTest {
    @TempDir
    Path data;

    private CertificateAuthorities start(MockEnvironment environment) {
        return new CertificateAuthorities(new OrgCertProperties(data, null),
                new IssuanceSettings(KeyAlgorithm.SM2, List.of(KeyAlgorithm.SM2), null, 10),
                CertificateProfiles.builtIn(), Clock.systemUTC(), environment, event -> { },
                PublicUrl.of("http://localhost:8080", "127.0.0.1", "8080"));
    }

    @Test
    @DisplayName("review 12.7: key stores made with ORGCERT_CA_PASSPHRASE, a start without it refuses and writes nothing")
    void aStartWithoutThePassphraseOfExistingKeyStoresRefuses() {
        start(new MockEnvironment().withProperty("ORGCERT_CA_PASSPHRASE", "from-the-credential-store"));
        assertThat(data.resolve("ca/sm2/issuing.p12")).exists();

        assertThatThrownBy(() -> start(new MockEnvironment())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORGCERT_CA_PASSPHRASE");
        assertThat(data.resolve("ca/passphrase")).doesNotExist();
        assertThat(start(new MockEnvironment().withProperty("ORGCERT_CA_PASSPHRASE", "from-the-credential-store"))
                .labels()).containsExactly("sm2");
    }

    @Test
    @DisplayName("review 12.7: the first start without ORGCERT_CA_PASSPHRASE makes ca/passphrase (0600), later ones read it")
    void theFirstStartMakesThePassphrase() throws Exception {
        start(new MockEnvironment());
        Path file = data.resolve("ca/passphrase");
        assertThat(file).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String made = java.nio.file.Files.readString(file);
        assertThat(start(new MockEnvironment()).labels()).containsExactly("sm2");
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(made);
    }
}
