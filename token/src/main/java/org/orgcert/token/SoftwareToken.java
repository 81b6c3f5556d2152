package org.orgcert.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.algorithm.Signer;

/**
 * A token kept in one file, for development, tests and the desktop assistant without a USB key. Supports
 * SM2, ECDSA P-256 and RSA-3072.
 *
 * <p>The private key (PKCS#8) is sealed with AES-256-GCM under a random data key K, and K is guarded by
 * {@link PinGuard} (wrapped under the PIN and under each unused unblock code). The whole file, retry counter
 * included, is MAC-protected with a 32-byte device key the caller provides (e.g. from
 * {@code ~/.orgcert/device.key}); an edited file is refused with TAMPERED.
 *
 * <p><b>Only as strong as the device key's protection.</b> Whoever can read the device key and copy the
 * file can restore an old copy to reset the counter, or guess PINs offline against the scrypt wrap ({@link PinKdf}). A
 * hardware token counts in tamper-resistant memory; production (R-CERT-2) uses hardware through
 * {@link Pkcs11Token}.
 */
public final class SoftwareToken extends GuardedToken {

    private SoftwareToken(Path file, TokenFile format, TokenRecord record, PinPolicy policy) {
        super(file, format, record, policy, new SealedKeyStorage());
    }

    /**
     * Creates a new empty token file (refuses to overwrite one).
     *
     * @param file      where the token lives; its folder must exist
     * @param deviceKey 32 bytes that MAC the file
     * @param serial    the token's serial (binds the bureau's unblock secret)
     * @param label     a human label
     * @param pin       the first user PIN
     * @param seeds     the bureau's unblock codes for this serial ({@link UnblockAuthority#provision})
     * @param settings  PIN policy, retries, KDF iterations
     */
    public static SoftwareToken create(Path file, byte[] deviceKey, String serial, String label, char[] pin,
            UnblockSeeds seeds, TokenSettings settings) {
        TokenFile format = new TokenFile(TokenFile.Kind.SOFTWARE, deviceKey);
        if (Files.exists(file)) {
            throw new TokenException(TokenException.Kind.DEVICE, "A token file already exists at " + file + ".");
        }
        byte[] dataKey = Crypto.random(Crypto.KEY_BYTES);
        try {
            PinGuard.Fresh fresh = PinGuard.initial(Serials.check(serial), dataKey, pin, seeds, settings);
            TokenRecord record = new TokenRecord(serial, label, fresh.state(), TokenState.EMPTY, null,
                    new byte[0], new byte[0], new byte[0]);
            try {
                format.write(file, record);
            } catch (RuntimeException e) {
                Crypto.wipe(fresh.pinKey());
                throw e;
            }
            SoftwareToken token = new SoftwareToken(file, format, record, settings.pinPolicy());
            token.beginSession(pin, fresh);
            return token;
        } finally {
            Crypto.wipe(dataKey);
        }
    }

    /**
     * Opens an existing token file.
     *
     * @throws TokenException TAMPERED (MAC fails), MALFORMED (not a token file), DEVICE (unreadable)
     */
    public static SoftwareToken open(Path file, byte[] deviceKey, PinPolicy policy) {
        TokenFile format = new TokenFile(TokenFile.Kind.SOFTWARE, deviceKey);
        return new SoftwareToken(file, format, format.read(file), policy);
    }

    /** Keys made with Bouncy Castle in this process and kept only sealed under K. */
    private static final class SealedKeyStorage implements KeyStorage {
        @Override
        public void checkSupported(KeyAlgorithm algorithm) {
            // SM2, ECDSA P-256 and RSA-3072 all work in software
        }

        @Override
        public Generated generate(byte[] secret, TokenRecord record, KeyAlgorithm algorithm) {
            KeyPair pair = algorithm.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            try {
                return new Generated(pair.getPublic().getEncoded(), Crypto.seal(secret, pkcs8, aad(record)));
            } finally {
                Crypto.wipe(pkcs8);
            }
        }

        @Override
        public Signer signer(byte[] secret, TokenRecord record) {
            byte[] pkcs8 = Crypto.open(secret, record.wrappedPrivateKey(), aad(record));
            if (pkcs8 == null) {
                throw new TokenException(TokenException.Kind.TAMPERED,
                        "The token's private key cannot be opened: the file was altered.");
            }
            try {
                KeyFactory factory = KeyFactory.getInstance(record.algorithm().keyType(), Pki.provider());
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(record.publicKey()));
                return PrivateKeySigner.forOneSignature(privateKey, publicKey, Pki.provider());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new TokenException(TokenException.Kind.MALFORMED, "The token's key pair is damaged.", e);
            } finally {
                Crypto.wipe(pkcs8);
            }
        }

        @Override
        public void storeCertificate(byte[] secret, TokenRecord record, byte[] certificateDer) {
            // the certificate is part of the token record
        }

        private static byte[] aad(TokenRecord record) {
            return Crypto.utf8("orgcert-key|" + record.serial());
        }
    }
}
