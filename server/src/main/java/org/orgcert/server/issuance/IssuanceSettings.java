package org.orgcert.server.issuance;

import java.util.List;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.token.PinKdf;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of CA set-up and production ({@code orgcert.issuance.*}).
 *
 * @param algorithm          the key algorithm of employer certificates when an order names none (default SM2)
 * @param hierarchies        the CA hierarchies loaded or created on start, one per algorithm (default all
 *                           three; tests leave out RSA, whose keys take seconds to generate)
 * @param caOrganisation     the O of the CA names
 * @param tokenKdfLog2N      scrypt cost (log2 N) of new software tokens' PIN key (tests and benchmarks lower it)
 */
@ConfigurationProperties("orgcert.issuance")
public record IssuanceSettings(KeyAlgorithm algorithm, List<KeyAlgorithm> hierarchies, String caOrganisation,
        Integer tokenKdfLog2N) {

    public IssuanceSettings {
        algorithm = algorithm == null ? KeyAlgorithm.SM2 : algorithm;
        hierarchies = hierarchies == null || hierarchies.isEmpty() ? List.of(KeyAlgorithm.values())
                : List.copyOf(hierarchies);
        caOrganisation = caOrganisation == null || caOrganisation.isBlank() ? "云南省数字证书认证中心有限公司"
                : caOrganisation;
        tokenKdfLog2N = tokenKdfLog2N == null ? PinKdf.DEFAULT.log2N() : tokenKdfLog2N;
        if (!hierarchies.contains(algorithm)) {
            throw new IllegalArgumentException("orgcert.issuance.algorithm " + algorithm.label()
                    + " has no CA hierarchy in orgcert.issuance.hierarchies");
        }
    }
}
