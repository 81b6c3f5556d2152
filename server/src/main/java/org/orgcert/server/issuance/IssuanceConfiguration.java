package org.orgcert.server.issuance;

import java.nio.file.Path;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.token.PinKdf;
import org.orgcert.token.TokenSettings;
import org.orgcert.token.UnblockAuthority;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The issuance beans: certificate profiles, the bureau's unblock authority and the stock of blank USB keys.
 * The unblock master key and the software tokens' device key are 32 random bytes each, created on the
 * first start in {@code <data-dir>/keys/} (mode 0600).
 */
@Configuration(proxyBeanMethods = false)
class IssuanceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CertificateProfiles certificateProfiles() {
        return CertificateProfiles.builtIn();
    }

    @Bean
    UnblockAuthority unblockAuthority(OrgCertProperties properties) {
        byte[] master = SecretFiles.loadOrCreate(keys(properties).resolve("unblock-master.key"), 32);
        try {
            return new UnblockAuthority(master);
        } finally {
            java.util.Arrays.fill(master, (byte) 0);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    TokenStock tokenStock(OrgCertProperties properties, IssuanceSettings settings, UnblockAuthority unblock) {
        byte[] deviceKey = SecretFiles.loadOrCreate(keys(properties).resolve("token-device.key"), 32);
        return new SoftwareTokenStock(properties.dataDir().resolve("tokens"), deviceKey, unblock,
                TokenSettings.DEFAULT.withKdf(new PinKdf(settings.tokenKdfLog2N(), PinKdf.DEFAULT.blockSize(),
                        PinKdf.DEFAULT.parallelism())));
    }

    private static Path keys(OrgCertProperties properties) {
        return properties.dataDir().resolve("keys");
    }
}
