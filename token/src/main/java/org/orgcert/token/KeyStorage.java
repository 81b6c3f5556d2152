package org.orgcert.token;

import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.Signer;

/**
 * Where a token's private key lives: sealed in the token file, or inside an HSM. Every method receives the
 * secret K that {@link PinGuard} released for this one operation.
 */
interface KeyStorage {
    /** A new key pair: its SubjectPublicKeyInfo DER and what the token file keeps of the private key. */
    record Generated(byte[] publicKey, byte[] wrappedPrivateKey) {
    }

    /** Refuses algorithms this storage cannot hold, before any PIN is asked. */
    void checkSupported(KeyAlgorithm algorithm);

    Generated generate(byte[] secret, TokenRecord record, KeyAlgorithm algorithm);

    Signer signer(byte[] secret, TokenRecord record);

    void storeCertificate(byte[] secret, TokenRecord record, byte[] certificateDer);

    /** Releases device sessions; nothing for a software token. */
    default void close() {
    }
}
