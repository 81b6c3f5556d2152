package org.orgcert.server.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The service's CAs (the CA side of the Boulder split, R-CERT-2): one hierarchy (root, issuing CA, OCSP
 * signer) per configured algorithm, loaded on start from {@code <data-dir>/ca/<label>/}, or created there
 * on the first start. A CA's label is its algorithm's label ({@code sm2}, {@code ecdsa-p256},
 * {@code rsa-3072}); its status services are at {@code <orgcert.public-url>/status/<label>/...}.
 *
 * <p>The key stores' passphrase is {@code ORGCERT_CA_PASSPHRASE}; without it a passphrase generated on the
 * first start is kept in {@code <data-dir>/ca/passphrase} (mode 0600). It is never logged.
 */
@Component
public class CertificateAuthorities {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthorities.class);

    private static final java.time.Duration OCSP_SIGNER_RENEWAL = java.time.Duration.ofDays(30);

    private final Map<String, Ca> byLabel = new LinkedHashMap<>();
    private final KeyAlgorithm defaultAlgorithm;

    /** One CA as issuance uses it. */
    record Ca(String label, CaHierarchy hierarchy, CertificateIssuer issuer) {
    }

    public CertificateAuthorities(OrgCertProperties properties, IssuanceSettings settings, CertificateProfiles profiles,
            Clock clock, Environment environment,
            @Value("${orgcert.public-url:http://localhost:${server.port:8080}}") String publicUrl) {
        Path caDir = properties.dataDir().resolve("ca");
        char[] passphrase = passphrase(caDir, environment.getProperty("ORGCERT_CA_PASSPHRASE"));
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        for (KeyAlgorithm algorithm : settings.hierarchies()) {
            String label = algorithm.label();
            Path folder = caDir.resolve(label);
            CaEndpoints endpoints = CaEndpoints.under(base + "/status/" + label);
            CaHierarchy hierarchy;
            if (CaHierarchy.exists(folder)) {
                CaHierarchy loaded = CaHierarchy.load(folder, passphrase, endpoints);
                // The delegated OCSP signer lives 90 days (RFC 6960 4.2.2.2.1, ocsp-nocheck): renewed at start
                // when it has less than 30 days left, so a responder never signs with an expired certificate.
                hierarchy = loaded.renewOcspSignerIfDue(folder, passphrase, OCSP_SIGNER_RENEWAL, profiles, clock);
                if (hierarchy != loaded) {
                    LOG.info("Renewed the {} OCSP signer, valid until {}", label,
                            hierarchy.ocspSigner().certificate().getNotAfter().toInstant());
                }
            } else {
                hierarchy = CaHierarchy.create(folder, passphrase, algorithm, settings.caOrganisation(), endpoints,
                        profiles, clock);
                LOG.info("Created the {} CA hierarchy in {}", label, folder.toAbsolutePath());
            }
            if (hierarchy.algorithm() != algorithm) {
                throw new IllegalStateException(folder + " holds a " + hierarchy.algorithm().label() + " hierarchy");
            }
            byLabel.put(label, new Ca(label, hierarchy, new CertificateIssuer(hierarchy.issuing(), profiles, clock)));
        }
        java.util.Arrays.fill(passphrase, '\0');
        this.defaultAlgorithm = settings.algorithm();
    }

    /** The labels of the configured CAs, e.g. {@code [sm2, ecdsa-p256, rsa-3072]}. */
    public List<String> labels() {
        return List.copyOf(byLabel.keySet());
    }

    /** The hierarchy with {@code label}, if configured. */
    public Optional<CaHierarchy> hierarchy(String label) {
        return Optional.ofNullable(byLabel.get(label)).map(Ca::hierarchy);
    }

    /** The algorithm of employer certificates when an order names none ({@code orgcert.issuance.algorithm}). */
    public KeyAlgorithm defaultAlgorithm() {
        return defaultAlgorithm;
    }

    /**
     * The CA that issues {@code algorithm} certificates.
     *
     * @throws ApiProblem 400 {@code unsupported-algorithm} when no hierarchy of that algorithm is configured
     */
    Ca forAlgorithm(KeyAlgorithm algorithm) {
        Ca ca = byLabel.get(algorithm.label());
        if (ca == null) {
            throw ApiProblem.badRequest("unsupported-algorithm", "This service issues no " + algorithm.label()
                    + " certificates; it has CAs for " + labels() + ".");
        }
        return ca;
    }

    /** The CA with {@code label}, which a recorded certificate names. */
    Ca forLabel(String label) {
        Ca ca = byLabel.get(label);
        if (ca == null) {
            throw new IllegalStateException("certificate recorded for CA " + label + ", which is not configured");
        }
        return ca;
    }

    private static char[] passphrase(Path caDir, String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Path file = caDir.resolve("passphrase");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                Pki.random().nextBytes(random);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                if (SecretFiles.write(file, generated.getBytes(StandardCharsets.US_ASCII))) {
                    LOG.warn("ORGCERT_CA_PASSPHRASE is not set: generated a CA key store passphrase in {} (mode 0600);"
                            + " keep it safe, the CA keys cannot be opened without it", file.toAbsolutePath());
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the CA passphrase file " + file, e);
        }
    }
}
