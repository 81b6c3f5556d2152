package org.orgcert.pki.testing;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaFactory;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.ca.CertifiedSigner;
import org.orgcert.pki.profile.CertificateProfiles;

/** In-memory CA hierarchies for tests, one per algorithm, made once per JVM (RSA keys are slow to make). */
public final class TestCas {
    public static final String ORGANISATION = "云南省数字证书认证中心有限公司";
    private static final Map<KeyAlgorithm, CaHierarchy> HIERARCHIES = new EnumMap<>(KeyAlgorithm.class);

    private TestCas() {
    }

    /** The endpoints test CAs write into certificates. */
    public static CaEndpoints endpoints(KeyAlgorithm algorithm) {
        return CaEndpoints.under("http://127.0.0.1:8080/status/" + algorithm.label());
    }

    /** A root, issuing CA and OCSP signer of {@code algorithm}, valid from the system clock's now. */
    public static synchronized CaHierarchy hierarchy(KeyAlgorithm algorithm) {
        return HIERARCHIES.computeIfAbsent(algorithm, a -> {
            CaFactory factory = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC());
            String suffix = " (" + a.label() + ")";
            CertificateAuthority root = factory.createRoot(PrivateKeySigner.of(a.generateKeyPair()),
                    CaFactory.name(ORGANISATION, "Test Root CA" + suffix));
            CertificateAuthority issuing = factory.createIssuing(root, PrivateKeySigner.of(a.generateKeyPair()),
                    CaFactory.name(ORGANISATION, "Test Employer CA" + suffix), endpoints(a));
            CertifiedSigner ocsp = factory.createOcspSigner(issuing, PrivateKeySigner.of(a.generateKeyPair()),
                    CaFactory.name(ORGANISATION, "Test OCSP Responder" + suffix));
            return new CaHierarchy(root, issuing, ocsp);
        });
    }

    /** Every algorithm, for parameterised tests. */
    public static List<KeyAlgorithm> algorithms() {
        return List.of(KeyAlgorithm.values());
    }
}
