package org.orgcert.bench;

import java.time.Clock;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaFactory;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.profile.CertificateProfiles;

/** In-memory CA hierarchies for benchmarks, made the way the service makes them. */
final class BenchCas {
    private BenchCas() {
    }

    static CaHierarchy create(KeyAlgorithm algorithm) {
        CaFactory factory = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC());
        CertificateAuthority root = factory.createRoot(PrivateKeySigner.of(algorithm.generateKeyPair()),
                CaFactory.name("Bench CA", "Bench Root " + algorithm.label()));
        CertificateAuthority issuing = factory.createIssuing(root, PrivateKeySigner.of(algorithm.generateKeyPair()),
                CaFactory.name("Bench CA", "Bench Issuing " + algorithm.label()),
                CaEndpoints.under("http://127.0.0.1:8080/status/" + algorithm.label()));
        return new CaHierarchy(root, issuing, factory.createOcspSigner(issuing,
                PrivateKeySigner.of(algorithm.generateKeyPair()), CaFactory.name("Bench CA", "Bench OCSP")));
    }
}
