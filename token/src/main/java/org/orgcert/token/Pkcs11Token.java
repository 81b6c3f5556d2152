package org.orgcert.token;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.login.LoginException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.algorithm.Signer;

/**
 * A token in a PKCS#11 device (a real USB key or HSM in production, SoftHSM2 in tests) through SunPKCS11.
 * Keys are generated inside the device as sensitive, non-extractable objects and used only through the
 * PKCS#11 provider; ECDSA P-256 and RSA-3072 only, because neither SoftHSM2 nor SunPKCS11 knows SM2.
 *
 * <p>The device's own user PIN is a random 32-byte secret K (as {@link #hsmPin hex}) that nobody types:
 * the person's PIN opens K through {@link PinGuard}, which keeps the retry counter and lock in a small
 * MAC-protected side file on the host, because SoftHSM2 never locks after wrong PINs. The device is set up
 * with {@code hsmPin(K)} as its user PIN when the token is personalised (e.g.
 * {@code softhsm2-util --init-token --pin <hsmPin>}), and K is handed to {@link #create} once.
 *
 * <p><b>What this does not protect.</b> With SoftHSM2 and SunPKCS11, <em>our layer</em> enforces the
 * counter, not the device:
 * <ul>
 * <li>The side file lives on the host. Whoever can write it can restore an older copy (its MAC is valid) and
 *     get the tries back; the MAC only stops edits.</li>
 * <li>Whoever can read it can guess the person's PIN offline against the PIN-sealed copy of K, with no
 *     counter at all, and a right guess yields K, the device PIN. scrypt ({@link PinKdf}) and the default
 *     {@link PinPolicy} (8+ characters, letters and digits) make that slow; a 6-digit PIN would fall in
 *     minutes to days.</li>
 * <li>K is in host memory while an operation runs.</li>
 * </ul>
 * On real hardware, use the device's own user-PIN counter and Security Officer unblock ({@code C_InitPIN})
 * instead; SunPKCS11 has no public API for them, so that is left as the {@link DevicePinControl} extension
 * point.
 *
 * <p>Handles on the same library and slot share one SunPKCS11 provider; once K opened the device, the session
 * stays logged in until the last handle is {@link #close() closed}. Every operation still asks for the
 * person's PIN.
 */
public final class Pkcs11Token extends GuardedToken {
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    /** One SunPKCS11 provider per (library, slot) for the life of the process, with its open handles. */
    private static final Map<Pkcs11Config, SharedProvider> SHARED = new HashMap<>();
    private final DeviceKeys keys;

    private Pkcs11Token(Path sideFile, TokenFile format, TokenRecord record, PinPolicy policy, DeviceKeys keys) {
        super(sideFile, format, record, policy, keys);
        this.keys = keys;
    }

    /** The SunPKCS11 provider this handle uses (shared by every handle on the same library and slot). */
    Provider provider() {
        return keys.shared.provider;
    }

    /** Whether the device session of this handle's (library, slot) is logged in. */
    static synchronized boolean loggedIn(Pkcs11Config config) {
        SharedProvider shared = SHARED.get(normalised(config));
        return shared != null && shared.loggedIn;
    }

    private static Pkcs11Config normalised(Pkcs11Config config) {
        return new Pkcs11Config(config.library().toAbsolutePath().normalize(), config.slot());
    }

    /** A provider and how many open handles use it; logged out when the last one closes. */
    private static final class SharedProvider {
        final Provider provider;
        int handles;
        boolean loggedIn;

        SharedProvider(Provider provider) {
            this.provider = provider;
        }
    }

    private static synchronized SharedProvider acquire(Pkcs11Config config) {
        Pkcs11Config key = normalised(config);
        SharedProvider shared = SHARED.get(key);
        if (shared == null) {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new TokenException(TokenException.Kind.DEVICE, "This Java runtime has no SunPKCS11 provider.");
            }
            try {
                shared = new SharedProvider(base.configure(key.configText("OrgCert-" + PROVIDERS.incrementAndGet())));
            } catch (RuntimeException e) {
                throw new TokenException(TokenException.Kind.DEVICE, "The PKCS#11 device in slot " + config.slot()
                        + " cannot be opened.", e);
            }
            SHARED.put(key, shared);
        }
        shared.handles++;
        return shared;
    }

    private static synchronized void release(SharedProvider shared) {
        shared.handles--;
        if (shared.handles == 0 && shared.loggedIn) {
            shared.loggedIn = false;
            try {
                ((AuthProvider) shared.provider).logout();
            } catch (LoginException | RuntimeException e) {
                // the session is gone either way; the next login starts a new one
            }
        }
    }

    private static synchronized void markLoggedIn(SharedProvider shared) {
        shared.loggedIn = true;
    }

    /** The device user PIN for secret K: lower-case hex, 64 characters. */
    public static String hsmPin(byte[] hsmSecret) {
        return HexFormat.of().formatHex(hsmSecret);
    }

    /**
     * Personalises a device whose user PIN is {@code hsmPin(hsmSecret)}: writes the side file, checks that K
     * opens the device. Refuses to overwrite an existing side file.
     *
     * @param hsmSecret the 32 random bytes K the device's user PIN was set from
     */
    public static Pkcs11Token create(Pkcs11Config config, Path sideFile, byte[] deviceKey, String serial,
            String label, byte[] hsmSecret, char[] pin, UnblockSeeds seeds, TokenSettings settings) {
        TokenFile format = new TokenFile(TokenFile.Kind.PKCS11, deviceKey);
        if (hsmSecret == null || hsmSecret.length != Crypto.KEY_BYTES) {
            throw new IllegalArgumentException("the HSM secret must have 32 bytes");
        }
        if (Files.exists(sideFile)) {
            throw new TokenException(TokenException.Kind.DEVICE, "A token side file already exists at " + sideFile
                    + ".");
        }
        DeviceKeys keys = new DeviceKeys(config);
        try {
            keys.login(hsmSecret);
            PinGuard.Fresh fresh = PinGuard.initial(Serials.check(serial), hsmSecret, pin, seeds, settings);
            TokenRecord record = new TokenRecord(serial, label, fresh.state(), TokenState.EMPTY, null,
                    new byte[0], new byte[0], new byte[0]);
            try {
                format.write(sideFile, record);
            } catch (RuntimeException e) {
                Crypto.wipe(fresh.pinKey());
                throw e;
            }
            Pkcs11Token token = new Pkcs11Token(sideFile, format, record, settings.pinPolicy(), keys);
            token.beginSession(pin, fresh);
            return token;
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    /**
     * Opens a personalised device with its side file.
     *
     * @throws TokenException TAMPERED, MALFORMED or DEVICE for the side file or the library
     */
    public static Pkcs11Token open(Pkcs11Config config, Path sideFile, byte[] deviceKey, PinPolicy policy) {
        TokenFile format = new TokenFile(TokenFile.Kind.PKCS11, deviceKey);
        TokenRecord record = format.read(sideFile);
        return new Pkcs11Token(sideFile, format, record, policy, new DeviceKeys(config));
    }

    /** The key pair inside the device, under one alias, reached through the PKCS#11 key store. */
    private static final class DeviceKeys implements KeyStorage {
        private static final String ALIAS = "orgcert-signing";
        private final SharedProvider shared;
        private final Provider provider;
        private KeyStore store;
        private boolean closed;

        DeviceKeys(Pkcs11Config config) {
            if (!Files.isRegularFile(config.library())) {
                throw new TokenException(TokenException.Kind.DEVICE, "The PKCS#11 library " + config.library()
                        + " is not installed (for SoftHSM2: apt-get install -y softhsm2).");
            }
            shared = acquire(config);
            provider = shared.provider;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                store = null;
                release(shared);
            }
        }

        void login(byte[] secret) {
            if (store != null) {
                return;
            }
            char[] hsmPin = hsmPin(secret).toCharArray();
            try {
                KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
                keyStore.load(null, hsmPin);
                store = keyStore;
                markLoggedIn(shared);
            } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
                throw new TokenException(TokenException.Kind.DEVICE,
                        "The PKCS#11 device refused the token's secret; it was not personalised for this side file.",
                        e);
            } finally {
                Crypto.wipe(hsmPin);
            }
        }

        @Override
        public void checkSupported(KeyAlgorithm algorithm) {
            if (algorithm == KeyAlgorithm.SM2) {
                throw new TokenException(TokenException.Kind.UNSUPPORTED_ALGORITHM, "This PKCS#11 token cannot hold"
                        + " SM2 keys (SunPKCS11 and SoftHSM2 have no SM2); use ECDSA P-256 or RSA-3072.");
            }
        }

        @Override
        public Generated generate(byte[] secret, TokenRecord record, KeyAlgorithm algorithm) {
            login(secret);
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType(), provider);
                if (algorithm.curveName() != null) {
                    generator.initialize(new ECGenParameterSpec(algorithm.curveName()));
                } else {
                    generator.initialize(new RSAKeyGenParameterSpec(algorithm.keyBits(), RSAKeyGenParameterSpec.F4));
                }
                KeyPair pair = generator.generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                PublicKey publicKey = bcPublicKey(algorithm, spki);
                if (store.containsAlias(ALIAS)) {
                    store.deleteEntry(ALIAS);
                }
                // The PKCS#11 key store keeps a private key only with a certificate; until the CA's arrives, a
                // self-signed placeholder made by the new key itself.
                Certificate placeholder = placeholder(PrivateKeySigner.of(pair.getPrivate(), publicKey, provider));
                store.setKeyEntry(ALIAS, pair.getPrivate(), null, new Certificate[] {placeholder});
                return new Generated(spki, new byte[0]);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw device("generate a key pair", e);
            }
        }

        @Override
        public Signer signer(byte[] secret, TokenRecord record) {
            login(secret);
            try {
                PrivateKey key = (PrivateKey) store.getKey(ALIAS, null);
                if (key == null) {
                    throw new TokenException(TokenException.Kind.NO_KEY,
                            "The PKCS#11 device holds no key for this token; generate one again.");
                }
                return PrivateKeySigner.of(key, bcPublicKey(record.algorithm(), record.publicKey()), provider);
            } catch (GeneralSecurityException | IllegalStateException e) {
                throw device("use the key", e);
            }
        }

        @Override
        public void storeCertificate(byte[] secret, TokenRecord record, byte[] certificateDer) {
            login(secret);
            try {
                PrivateKey key = (PrivateKey) store.getKey(ALIAS, null);
                if (key == null) {
                    throw new TokenException(TokenException.Kind.NO_KEY,
                            "The PKCS#11 device holds no key for this token; generate one again.");
                }
                Certificate certificate = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(certificateDer));
                store.setKeyEntry(ALIAS, key, null, new Certificate[] {certificate});
            } catch (GeneralSecurityException | IllegalStateException e) {
                throw device("store the certificate", e);
            }
        }

        private static PublicKey bcPublicKey(KeyAlgorithm algorithm, byte[] spki) throws GeneralSecurityException {
            return KeyFactory.getInstance(algorithm.keyType(), Pki.provider())
                    .generatePublic(new X509EncodedKeySpec(spki));
        }

        private static Certificate placeholder(Signer signer) throws GeneralSecurityException {
            X500Name name = new X500Name("CN=OrgCert key placeholder");
            Instant now = Instant.now();
            byte[] der;
            try {
                der = new X509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                        Date.from(now.plus(1, ChronoUnit.DAYS)), name,
                        SubjectPublicKeyInfo.getInstance(signer.publicKey().getEncoded()))
                        .build(signer.contentSigner()).getEncoded();
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("cannot encode the placeholder certificate", e);
            }
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        }

        private static TokenException device(String action, Exception cause) {
            if (cause instanceof TokenException token) {
                return token;
            }
            return new TokenException(TokenException.Kind.DEVICE, "The PKCS#11 device could not " + action + ".",
                    cause);
        }
    }
}
