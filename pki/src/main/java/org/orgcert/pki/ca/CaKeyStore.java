package org.orgcert.pki.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.orgcert.pki.DurableFiles;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.algorithm.Signer;

/**
 * Keeps CA keys in key stores: a passphrase-protected PKCS#12 file (Bouncy Castle's, which unlike the
 * JDK's reads SM2 certificates), or a PKCS#11 token whose keys never leave it. Loading returns a
 * {@link Signer}; the private key is never handed out.
 */
public final class CaKeyStore {
    private CaKeyStore() {
    }

    /**
     * Writes a freshly generated key and its chain to a PKCS#12 file under {@code alias} (atomically and durably:
     * a temporary file forced to disk, moved into place, then the folder flushed, {@link DurableFiles}). Called
     * once, right after key generation (and when the OCSP signer's {@code ocsp.p12} is replaced); afterwards the
     * key is only used through the {@link Signer} that {@link #loadPkcs12} returns.
     */
    public static void savePkcs12(Path file, char[] passphrase, String alias, PrivateKey privateKey,
            X509CertificateHolder certificate, List<X509CertificateHolder> chain) {
        savePkcs12(file, passphrase, alias, privateKey, certificate, chain, DurableFiles.DISK);
    }

    /** {@link #savePkcs12} with the flushes a test watches. */
    static void savePkcs12(Path file, char[] passphrase, String alias, PrivateKey privateKey,
            X509CertificateHolder certificate, List<X509CertificateHolder> chain, DurableFiles.Flush flush) {
        try {
            // PBES2 with AES-256 for keys (not BC's default 3DES); "PKCS12" reads it back, as does OpenSSL 3.
            KeyStore store = KeyStore.getInstance("PKCS12-AES256-AES128", Pki.provider());
            store.load(null, null);
            List<Certificate> certificates = new ArrayList<>();
            certificates.add(toX509(certificate));
            for (X509CertificateHolder link : chain) {
                certificates.add(toX509(link));
            }
            store.setKeyEntry(alias, privateKey, passphrase, certificates.toArray(Certificate[]::new));
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, passphrase);
            }
            flush.file(temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            flush.folder(file.toAbsolutePath().getParent());
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE, "cannot write key store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code alias} in a PKCS#12 file.
     *
     * @throws PkiException KEY_STORE for a missing file or alias, or a wrong passphrase
     */
    public static CertifiedSigner loadPkcs12(Path file, char[] passphrase, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12", Pki.provider());
            store.load(in, passphrase);
            return open(store, alias, passphrase, Pki.provider(), file.toString());
        } catch (IOException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE,
                    "cannot open key store " + file + " (wrong passphrase or damaged file)", e);
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE, "cannot open key store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code alias} on a PKCS#11 token through an already configured provider (e.g. SunPKCS11 over
     * SoftHSM2 or a real HSM). Signing happens on the token.
     */
    public static CertifiedSigner loadPkcs11(Provider pkcs11, char[] pin, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", pkcs11);
            store.load(null, pin);
            return open(store, alias, null, pkcs11, "PKCS#11 token " + pkcs11.getName());
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE,
                    "cannot open PKCS#11 token " + pkcs11.getName() + " (wrong PIN or no token): " + e.getMessage(), e);
        }
    }

    /**
     * Generates a CA key pair on a PKCS#11 token. The provider's configuration decides the key's attributes
     * (production: CKA_SENSITIVE and not CKA_EXTRACTABLE); the key becomes a token object once
     * {@link #savePkcs11} stores it with its certificate.
     *
     * @throws PkiException UNSUPPORTED_KEY for SM2, which SunPKCS11 does not support
     */
    public static KeyPair generatePkcs11(Provider pkcs11, KeyAlgorithm algorithm) {
        if (algorithm == KeyAlgorithm.SM2) {
            throw new PkiException(PkiException.Kind.UNSUPPORTED_KEY,
                    "SunPKCS11 has no SM2: keep SM2 CA keys in PKCS#12 or use the HSM vendor's provider");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType(), pkcs11);
            if (algorithm.curveName() != null) {
                generator.initialize(new ECGenParameterSpec(algorithm.curveName()));
            } else {
                generator.initialize(algorithm.keyBits());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE, "the PKCS#11 token cannot generate "
                    + algorithm.label() + " keys: " + e.getMessage(), e);
        }
    }

    /** Stores a key generated on the token with its certificate chain under {@code alias}, as a token object. */
    public static void savePkcs11(Provider pkcs11, char[] pin, String alias, PrivateKey privateKey,
            X509CertificateHolder certificate, List<X509CertificateHolder> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", pkcs11);
            store.load(null, pin);
            List<Certificate> certificates = new ArrayList<>();
            certificates.add(toX509(certificate));
            for (X509CertificateHolder link : chain) {
                certificates.add(toX509(link));
            }
            store.setKeyEntry(alias, privateKey, null, certificates.toArray(Certificate[]::new));
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE,
                    "cannot store key '" + alias + "' on PKCS#11 token " + pkcs11.getName() + ": " + e.getMessage(), e);
        }
    }

    private static CertifiedSigner open(KeyStore store, String alias, char[] password, Provider provider,
            String where) throws GeneralSecurityException, IOException {
        Key key = store.getKey(alias, password);
        Certificate[] certificates = store.getCertificateChain(alias);
        if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
            throw new PkiException(PkiException.Kind.KEY_STORE, where + " has no key entry '" + alias + "'");
        }
        List<X509CertificateHolder> holders = new ArrayList<>();
        for (Certificate certificate : certificates) {
            holders.add(new JcaX509CertificateHolder((X509Certificate) certificate));
        }
        Signer signer = PrivateKeySigner.of(privateKey, certificates[0].getPublicKey(), provider);
        return new CertifiedSigner(signer, holders.get(0), holders.subList(1, holders.size()));
    }

    private static X509Certificate toX509(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().setProvider(Pki.provider()).getCertificate(holder);
    }
}
