package org.orgcert.server.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ServiceTestBase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of tests of issuance, the certificate store and the status services: one shared service whose
 * CAs, keys and tokens live in a fresh temporary data folder under {@code target/}, created once per test
 * JVM (so all these classes share one Spring context).
 */
public abstract class ProductionTestBase extends ServiceTestBase {
    /** A valid USCC (both check characters correct). */
    public static final Uscc USCC = new Uscc("91350100M000100Y43");
    public static final String NAME = "昆明滇池人力资源服务有限公司";
    private static final Path DATA = temporaryDataDir();
    private static final AtomicInteger ORDERS = new AtomicInteger();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("orgcert.data-dir", DATA::toString);
        registry.add("orgcert.public-url", () -> "http://127.0.0.1:8080");
    }

    /** The shared data folder. */
    protected static Path dataDir() {
        return DATA;
    }

    /** An order for a new application. */
    protected static ProductionOrder order(org.orgcert.pki.algorithm.KeyAlgorithm algorithm) {
        return new ProductionOrder(UUID.randomUUID(), NAME + " " + ORDERS.incrementAndGet(), USCC, algorithm,
                "clerk:wuhua-1");
    }

    /** A prepared (linted, unsigned) ECDSA certificate of {@code authorities}, for a fresh key. */
    protected static org.orgcert.pki.issue.PreparedCertificate prepareEcdsa(CertificateAuthorities authorities,
            String employerName) {
        var key = org.orgcert.pki.algorithm.KeyAlgorithm.ECDSA_P256.generateKeyPair().getPublic();
        return authorities.forAlgorithm(org.orgcert.pki.algorithm.KeyAlgorithm.ECDSA_P256).issuer().prepare(
                org.orgcert.pki.issue.IssueRequest.of(org.orgcert.pki.profile.CertificateProfiles.EMPLOYER_SIGNING,
                        new org.orgcert.pki.issue.CertificateSubject.Employer(employerName, USCC),
                        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded())));
    }

    private static Path temporaryDataDir() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "issuance-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
