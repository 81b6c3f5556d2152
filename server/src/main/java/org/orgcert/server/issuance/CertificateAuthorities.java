package org.orgcert.server.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.PublicUrl;
import org.orgcert.server.domain.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The service's CAs (the CA side of the Boulder split, R-CERT-2): one hierarchy (root, issuing CA, OCSP
 * signer) per configured algorithm, loaded on start from {@code <data-dir>/ca/<label>/}, or created there
 * on the first start. A CA's label is its algorithm's label ({@code sm2}, {@code ecdsa-p256},
 * {@code rsa-3072}); its status services are at {@code <orgcert.public-url>/status/<label>/...}.
 *
 * <p>The key stores' passphrase is {@code ORGCERT_CA_PASSPHRASE}; without it a passphrase generated on the
 * first start is kept in {@code <data-dir>/ca/passphrase} (mode 0600). It is never logged, and never made when key
 * stores exist already. Only the service opens the CAs: the one-shot commands run without them.
 */
@Component
public class CertificateAuthorities {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthorities.class);

    /**
     * The delegated OCSP signer lives 90 days (RFC 6960 4.2.2.2.1, ocsp-nocheck) and is renewed when it has
     * less than 30 days left: at start and by the daily {@link OcspSignerRenewal}.
     */
    static final Duration OCSP_SIGNER_RENEWAL = Duration.ofDays(30);

    private final Map<String, Ca> byLabel = new ConcurrentHashMap<>();
    private final List<String> labels;
    private final KeyAlgorithm defaultAlgorithm;
    private final Path caDir;
    private final Environment environment;
    private final CertificateProfiles profiles;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final PublicUrl publicUrl;

    /** One CA as issuance uses it. */
    record Ca(String label, CaHierarchy hierarchy, CertificateIssuer issuer) {
    }

    public CertificateAuthorities(OrgCertProperties properties, IssuanceSettings settings, CertificateProfiles profiles,
            Clock clock, Environment environment, ApplicationEventPublisher events, PublicUrl publicUrl) {
        this.caDir = properties.dataDir().resolve("ca");
        this.environment = environment;
        this.profiles = profiles;
        this.clock = clock;
        this.events = events;
        this.publicUrl = publicUrl;
        this.defaultAlgorithm = settings.algorithm();
        char[] passphrase = passphrase();
        try {
            String base = publicUrl.base();
            // Each hierarchy costs key store passphrase derivations (or key generation): side by side.
            List<CompletableFuture<Ca>> loading = settings.hierarchies().stream()
                    .map(algorithm -> CompletableFuture.supplyAsync(() -> loadOrCreate(algorithm, passphrase, base,
                            settings.caOrganisation())))
                    .toList();
            List<String> loaded = new ArrayList<>();
            for (CompletableFuture<Ca> ca : loading) {
                Ca done = join(ca);
                byLabel.put(done.label(), done);
                loaded.add(done.label());
            }
            this.labels = List.copyOf(loaded);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
        renewOcspSignersIfDue(OCSP_SIGNER_RENEWAL);
    }

    private Ca loadOrCreate(KeyAlgorithm algorithm, char[] passphrase, String base, String organisation) {
        String label = algorithm.label();
        Path folder = caDir.resolve(label);
        CaEndpoints endpoints = CaEndpoints.under(base + "/status/" + label);
        CaHierarchy hierarchy;
        if (CaHierarchy.exists(folder)) {
            hierarchy = CaHierarchy.load(folder, passphrase, endpoints);
        } else {
            hierarchy = CaHierarchy.create(folder, passphrase, algorithm, organisation, endpoints, profiles, clock);
            LOG.info("Created the {} CA hierarchy in {}", label, folder.toAbsolutePath());
        }
        if (hierarchy.algorithm() != algorithm) {
            throw new IllegalStateException(folder + " holds a " + hierarchy.algorithm().label() + " hierarchy");
        }
        return new Ca(label, hierarchy, new CertificateIssuer(hierarchy.issuing(), profiles, clock));
    }

    private static Ca join(CompletableFuture<Ca> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Renews each CA's delegated OCSP signer whose certificate ends within {@code margin} (new key, new
     * certificate from the issuing CA, {@code ocsp.p12} replaced) and announces it with
     * {@link OcspSignerRenewed}, so the responder switches to it.
     *
     * @return the labels of the CAs whose signer was renewed
     */
    public synchronized List<String> renewOcspSignersIfDue(Duration margin) {
        List<String> renewed = new ArrayList<>();
        char[] passphrase = passphrase();
        try {
            for (String label : labels) {
                Ca ca = byLabel.get(label);
                CaHierarchy next = ca.hierarchy().renewOcspSignerIfDue(caDir.resolve(label), passphrase, margin,
                        profiles, clock);
                if (next != ca.hierarchy()) {
                    byLabel.put(label, new Ca(label, next, ca.issuer()));
                    renewed.add(label);
                    LOG.info("Renewed the {} OCSP signer, valid until {}", label,
                            next.ocspSigner().certificate().getNotAfter().toInstant());
                }
            }
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
        renewed.forEach(label -> events.publishEvent(new OcspSignerRenewed(label)));
        return renewed;
    }

    /** The labels of the configured CAs, e.g. {@code [sm2, ecdsa-p256, rsa-3072]}. */
    public List<String> labels() {
        return labels;
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
     * @throws Refusal 400 {@code unsupported-algorithm} when no hierarchy of that algorithm is configured; 503
     *                 {@code public-url-not-set} when certificates would name an address nobody else reaches
     */
    Ca forAlgorithm(KeyAlgorithm algorithm) {
        requireSettledPublicUrl();
        Ca ca = byLabel.get(algorithm.label());
        if (ca == null) {
            throw IssuanceRefusal.UNSUPPORTED_ALGORITHM.refuse("This service issues no " + algorithm.label()
                    + " certificates; it has CAs for " + labels() + ".");
        }
        return ca;
    }

    /**
     * The CA with {@code label}, to issue a new certificate from (a successor of one it issued).
     *
     * @throws Refusal 503 {@code public-url-not-set} when certificates would name an address nobody else reaches
     */
    Ca forNewCertificateOf(String label) {
        requireSettledPublicUrl();
        return forLabel(label);
    }

    /**
     * A certificate names the status services' addresses for its whole life: a deployment that listens beyond
     * loopback issues none until ORGCERT_PUBLIC_URL says where relying platforms reach it.
     */
    private void requireSettledPublicUrl() {
        if (!publicUrl.settled()) {
            throw IssuanceRefusal.PUBLIC_URL_NOT_SET.refuse("This service listens on " + publicUrl.address()
                    + " but ORGCERT_PUBLIC_URL is not set: certificates would name " + publicUrl.base()
                    + ", which relying platforms cannot reach. Set ORGCERT_PUBLIC_URL and restart.");
        }
    }

    /** The CA with {@code label}, which a recorded certificate names. */
    Ca forLabel(String label) {
        Ca ca = byLabel.get(label);
        if (ca == null) {
            throw new IllegalStateException("certificate recorded for CA " + label + ", which is not configured");
        }
        return ca;
    }

    /** The key stores' passphrase, read afresh each time it is needed so it is not kept in memory. */
    private char[] passphrase() {
        String fromEnvironment = environment.getProperty("ORGCERT_CA_PASSPHRASE");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Path file = caDir.resolve("passphrase");
        try {
            if (!Files.exists(file)) {
                // Made on the first start only: key stores made with another passphrase (the variable's, missing
                // here) would not open with a new one, and the new file would mislead whoever restores them.
                if (anyKeyStore()) {
                    throw new IllegalStateException("ORGCERT_CA_PASSPHRASE is not set and there is no " + file
                            + ", but the CA key stores in " + caDir.toAbsolutePath() + " exist: start with the"
                            + " ORGCERT_CA_PASSPHRASE they were made with");
                }
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

    /** Whether any CA hierarchy was made in the CA folder already (not the first start). */
    private boolean anyKeyStore() throws IOException {
        if (!Files.isDirectory(caDir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> folders = Files.list(caDir)) {
            return folders.anyMatch(CaHierarchy::exists);
        }
    }
}
