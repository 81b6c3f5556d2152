package org.orgcert.server.issuance;

import java.util.List;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.token.TokenSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of CA set-up and production ({@code orgcert.issuance.*}).
 *
 * @param algorithm          the key algorithm of employer certificates when an order names none (default SM2)
 * @param hierarchies        the CA hierarchies loaded or created on start, one per algorithm (default all
 *                           three; tests leave out RSA, whose keys take seconds to generate)
 * @param caOrganisation     the O of the CA names
 * @param tokenKdfIterations PBKDF2 iterations of new software tokens' PIN wrap (tests lower it)
 */
@ConfigurationProperties("orgcert.issuance")
public record IssuanceSettings(KeyAlgorithm algorithm, List<KeyAlgorithm> hierarchies, String caOrganisation,
        Integer tokenKdfIterations) {

    public IssuanceSettings {
        algorithm = algorithm == null ? KeyAlgorithm.SM2 : algorithm;
        hierarchies = hierarchies == null || hierarchies.isEmpty() ? List.of(KeyAlgorithm.values())
                : List.copyOf(hierarchies);
        caOrganisation = caOrganisation == null || caOrganisation.isBlank() ? "云南省数字证书认证中心有限公司"
                : caOrganisation;
        tokenKdfIterations = tokenKdfIterations == null ? TokenSettings.DEFAULT_KDF_ITERATIONS : tokenKdfIterations;
        if (!hierarchies.contains(algorithm)) {
            throw new IllegalArgumentException("orgcert.issuance.algorithm " + algorithm.label()
                    + " has no CA hierarchy in orgcert.issuance.hierarchies");
        }
    }
}
