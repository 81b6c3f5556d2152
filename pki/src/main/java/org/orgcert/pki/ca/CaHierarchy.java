package org.orgcert.pki.ca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.profile.CertificateProfiles;

/**
 * One algorithm's CA hierarchy: root, issuing CA and the issuing CA's OCSP signer, kept in three
 * passphrase-protected PKCS#12 files in one folder ({@code root.p12}, {@code issuing.p12},
 * {@code ocsp.p12}). The root's key is only needed to create the issuing CA: {@link #load} never opens
 * {@code root.p12}, and production sites move it offline afterwards.
 *
 * @param root       the self-signed root
 * @param issuing    the CA that signs employer certificates and CRLs
 * @param ocspSigner the issuing CA's delegated OCSP responder
 */
public record CaHierarchy(CertificateAuthority root, CertificateAuthority issuing, CertifiedSigner ocspSigner) {
    private static final String ALIAS = "key";

    /** The algorithm of all three keys. */
    public KeyAlgorithm algorithm() {
        return issuing.algorithm();
    }

    /**
     * Creates a hierarchy with fresh keys and writes it to {@code folder} (which must not hold one yet).
     *
     * @param organisation the O of the CA names, e.g. {@code 云南省数字证书认证中心有限公司}
     */
    public static CaHierarchy create(Path folder, char[] passphrase, KeyAlgorithm algorithm, String organisation,
            CaEndpoints endpoints, CertificateProfiles profiles, Clock clock) {
        if (Files.exists(folder.resolve("issuing.p12"))) {
            throw new PkiException(PkiException.Kind.KEY_STORE, folder + " already holds a CA hierarchy");
        }
        CaFactory factory = new CaFactory(profiles, clock);
        String suffix = " (" + algorithm.label() + ")";
        KeyPair rootKeys = algorithm.generateKeyPair();
        KeyPair issuingKeys = algorithm.generateKeyPair();
        KeyPair ocspKeys = algorithm.generateKeyPair();
        CertificateAuthority root = factory.createRoot(PrivateKeySigner.of(rootKeys),
                CaFactory.name(organisation, "OrgCert Root CA" + suffix));
        CertificateAuthority issuing = factory.createIssuing(root, PrivateKeySigner.of(issuingKeys),
                CaFactory.name(organisation, "OrgCert Employer CA" + suffix), endpoints);
        X500Name ocspName = CaFactory.name(organisation, "OrgCert OCSP Responder" + suffix);
        CertifiedSigner ocsp = factory.createOcspSigner(issuing, PrivateKeySigner.of(ocspKeys), ocspName);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE, "cannot create " + folder, e);
        }
        CaKeyStore.savePkcs12(folder.resolve("root.p12"), passphrase, ALIAS, rootKeys.getPrivate(),
                root.certificate(), List.of());
        CaKeyStore.savePkcs12(folder.resolve("ocsp.p12"), passphrase, ALIAS, ocspKeys.getPrivate(),
                ocsp.certificate(), ocsp.chain());
        // Written last: its presence marks a complete hierarchy (see the check above and load()).
        CaKeyStore.savePkcs12(folder.resolve("issuing.p12"), passphrase, ALIAS, issuingKeys.getPrivate(),
                issuing.certificate(), issuing.chain());
        return new CaHierarchy(root, issuing, ocsp);
    }

    /**
     * Loads a hierarchy written by {@link #create}: the issuing CA's and the OCSP signer's key stores, side by
     * side (each costs a passphrase derivation). The root's key store is not opened: the root certificate is
     * the last of the issuing CA's chain, and its key is offline ({@link OfflineRootSigner}).
     */
    public static CaHierarchy load(Path folder, char[] passphrase, CaEndpoints endpoints) {
        CompletableFuture<CertifiedSigner> ocsp = CompletableFuture.supplyAsync(
                () -> CaKeyStore.loadPkcs12(folder.resolve("ocsp.p12"), passphrase, ALIAS));
        CertifiedSigner issuing = CaKeyStore.loadPkcs12(folder.resolve("issuing.p12"), passphrase, ALIAS);
        if (issuing.chain().isEmpty()) {
            throw new PkiException(PkiException.Kind.KEY_STORE, folder.resolve("issuing.p12")
                    + " holds no chain up to a root");
        }
        X509CertificateHolder rootCertificate = issuing.chain().get(issuing.chain().size() - 1);
        return new CaHierarchy(
                new CertificateAuthority(new OfflineRootSigner(rootCertificate), rootCertificate, List.of(), null),
                new CertificateAuthority(issuing.signer(), issuing.certificate(), issuing.chain(), endpoints),
                join(ocsp));
    }

    private static CertifiedSigner join(CompletableFuture<CertifiedSigner> loading) {
        try {
            return loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Renews the delegated OCSP signer when its certificate ends within {@code margin} of now (or already
     * has): a new key pair, a new certificate from the issuing CA under the {@code ocsp-signer} profile, and
     * {@code ocsp.p12} in {@code folder} replaced atomically (written to a temporary file, then moved). The
     * old signer stays usable until the caller switches to the returned hierarchy. The server calls this at
     * start and daily; the OCSP signer lives 90 days and nothing else renews it.
     *
     * @param margin how long before expiry to renew, e.g. 30 days (must be shorter than the profile's validity)
     * @return this hierarchy when nothing was due, otherwise a hierarchy with the new OCSP signer
     */
    public CaHierarchy renewOcspSignerIfDue(Path folder, char[] passphrase, Duration margin,
            CertificateProfiles profiles, Clock clock) {
        Instant now = clock.instant();
        Instant notAfter = ocspSigner.certificate().getNotAfter().toInstant();
        if (now.plus(margin).isBefore(notAfter)) {
            return this;
        }
        KeyPair keys = algorithm().generateKeyPair();
        CertifiedSigner renewed = new CaFactory(profiles, clock).createOcspSigner(issuing,
                PrivateKeySigner.of(keys), ocspSigner.certificate().getSubject());
        if (!now.plus(margin).isBefore(renewed.certificate().getNotAfter().toInstant())) {
            throw new PkiException(PkiException.Kind.KEY_STORE, "a renewed OCSP signer would be due again at once: "
                    + "the margin " + margin + " is not shorter than its validity, or the issuing CA expires first");
        }
        CaKeyStore.savePkcs12(folder.resolve("ocsp.p12"), passphrase, ALIAS, keys.getPrivate(),
                renewed.certificate(), renewed.chain());
        return new CaHierarchy(root, issuing, renewed);
    }

    /** True when {@code folder} holds a complete hierarchy. */
    public static boolean exists(Path folder) {
        return Files.exists(folder.resolve("issuing.p12"));
    }
}
