package org.orgcert.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.Signatures;
import org.orgcert.pki.profile.CertificateProfiles;

/** CA keys in passphrase-protected PKCS#12 files, used only through a Signer. */
class CaKeyStoreTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void hierarchyIsWrittenAndLoadedBack(KeyAlgorithm algorithm) throws Exception {
        char[] passphrase = "correct horse battery".toCharArray();
        Path folder = dir.resolve(algorithm.label());
        CaEndpoints endpoints = CaEndpoints.under("http://127.0.0.1/status/" + algorithm.label());
        CaHierarchy created = CaHierarchy.create(folder, passphrase, algorithm, "测试CA", endpoints,
                CertificateProfiles.builtIn(), Clock.systemUTC());
        assertThat(CaHierarchy.exists(folder)).isTrue();

        CaHierarchy loaded = CaHierarchy.load(folder, passphrase, endpoints);
        assertThat(loaded.issuing().certificate()).isEqualTo(created.issuing().certificate());
        assertThat(loaded.root().certificate()).isEqualTo(created.root().certificate());
        assertThat(loaded.ocspSigner().certificate()).isEqualTo(created.ocspSigner().certificate());
        assertThat(loaded.issuing().chain()).containsExactly(created.root().certificate());
        byte[] data = "sign me".getBytes();
        assertThat(Signatures.verify(created.issuing().signer().publicKey(), data, loaded.issuing().signer().sign(data)))
                .isTrue();
        // The file must not hold the key in the clear: no PKCS#8 header of an unencrypted key.
        String raw = new String(Files.readAllBytes(folder.resolve("issuing.p12")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("BEGIN");

        assertThatThrownBy(() -> CaHierarchy.create(folder, passphrase, algorithm, "测试CA", endpoints,
                CertificateProfiles.builtIn(), Clock.systemUTC())).hasMessageContaining("already holds");
    }

    /** A running service never needs the root key: loading works with root.p12 moved offline, and refuses to sign. */
    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"SM2", "ECDSA_P256"})
    void aLoadedHierarchyKeepsTheRootKeyOffline(KeyAlgorithm algorithm) throws Exception {
        char[] passphrase = "correct horse battery".toCharArray();
        Path folder = dir.resolve(algorithm.label());
        CaEndpoints endpoints = CaEndpoints.under("http://127.0.0.1/status/" + algorithm.label());
        CaHierarchy created = CaHierarchy.create(folder, passphrase, algorithm, "测试CA", endpoints,
                CertificateProfiles.builtIn(), Clock.systemUTC());
        Files.move(folder.resolve("root.p12"), dir.resolve("offline-root.p12"));

        CaHierarchy loaded = CaHierarchy.load(folder, passphrase, endpoints);
        assertThat(loaded.root().certificate()).isEqualTo(created.root().certificate());
        assertThat(loaded.root().signer().publicKey().getEncoded())
                .isEqualTo(created.root().signer().publicKey().getEncoded());
        assertThatThrownBy(() -> loaded.root().signer().sign(new byte[] {1})).isInstanceOf(PkiException.class)
                .hasMessageContaining("offline");
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = "ECDSA_P256")
    void wrongPassphraseIsAClearError(KeyAlgorithm algorithm) {
        Path folder = dir.resolve("ca");
        CaHierarchy.create(folder, "right".toCharArray(), algorithm, "测试CA", CaEndpoints.under("http://x"),
                CertificateProfiles.builtIn(), Clock.systemUTC());
        assertThatThrownBy(() -> CaHierarchy.load(folder, "wrong".toCharArray(), CaEndpoints.under("http://x")))
                .isInstanceOf(PkiException.class)
                .satisfies(e -> assertThat(((PkiException) e).kind()).isEqualTo(PkiException.Kind.KEY_STORE))
                .hasMessageContaining("wrong passphrase");
        assertThatThrownBy(() -> CaHierarchy.load(dir.resolve("missing"), "right".toCharArray(), CaEndpoints.under("http://x")))
                .isInstanceOf(PkiException.class);
    }

    /**
     * Review of issue 12, finding 10: a key store reaches the disk before it replaces the old file (ocsp.p12 is
     * replaced on renewal), and the folder is flushed after the rename, so a power cut leaves the old key store or
     * the new one, never an empty or half one, and never brings an older one back.
     */
    @org.junit.jupiter.api.Test
    void aKeyStoreIsForcedToDiskBeforeItReplacesTheOldOneAndItsFolderIsFlushedAfter() throws Exception {
        char[] passphrase = "correct horse battery".toCharArray();
        java.security.KeyPair keys = KeyAlgorithm.ECDSA_P256.generateKeyPair();
        CertificateAuthority root = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC()).createRoot(
                org.orgcert.pki.algorithm.PrivateKeySigner.of(keys), CaFactory.name("测试", "Root"));
        Path file = dir.resolve("ocsp.p12");
        Files.write(file, "the old key store".getBytes());
        java.util.List<String> steps = new java.util.ArrayList<>();

        CaKeyStore.savePkcs12(file, passphrase, "ca", keys.getPrivate(), root.certificate(), java.util.List.of(),
                new org.orgcert.pki.DurableFiles.Flush() {
                    @Override
                    public void file(Path written) throws java.io.IOException {
                        assertThat(written.getParent()).isEqualTo(dir);
                        assertThat(written).isNotEqualTo(file);
                        assertThat(Files.readString(file)).as("not replaced yet").isEqualTo("the old key store");
                        steps.add("file");
                    }

                    @Override
                    public void folder(Path folder) {
                        assertThat(folder).isEqualTo(dir);
                        assertThat(CaKeyStore.loadPkcs12(file, passphrase, "ca").certificate())
                                .isEqualTo(root.certificate());
                        steps.add("folder");
                    }
                });

        assertThat(steps).containsExactly("file", "folder");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }
}
