package org.orgcert.token;

import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * All a token stores outside its key material: the same record for a software token (where it also carries
 * the encrypted private key) and for the side file of a PKCS#11 token (where the key stays in the HSM).
 *
 * @param serial            the token serial
 * @param label             a human label
 * @param guard             the PIN guard's state
 * @param lifecycle         EMPTY, KEY_GENERATED or PERSONALISED (LOCKED is the guard's business)
 * @param algorithm         the key's algorithm, {@code null} when EMPTY
 * @param publicKey         the key's SubjectPublicKeyInfo DER, empty when EMPTY
 * @param certificate       the imported certificate's DER, empty before one is imported
 * @param wrappedPrivateKey software tokens: PKCS#8 sealed under K; PKCS#11 tokens: empty
 */
record TokenRecord(String serial, String label, GuardState guard, TokenState lifecycle, KeyAlgorithm algorithm,
        byte[] publicKey, byte[] certificate, byte[] wrappedPrivateKey) {

    TokenRecord withGuard(GuardState next) {
        return new TokenRecord(serial, label, next, lifecycle, algorithm, publicKey, certificate, wrappedPrivateKey);
    }

    TokenRecord withKey(KeyAlgorithm keyAlgorithm, byte[] spki, byte[] wrapped) {
        return new TokenRecord(serial, label, guard, lifecycle.after(TokenState.Event.KEY_GENERATED), keyAlgorithm,
                spki, new byte[0], wrapped);
    }

    TokenRecord withCertificate(byte[] der) {
        return new TokenRecord(serial, label, guard, lifecycle.after(TokenState.Event.CERTIFICATE_IMPORTED),
                algorithm, publicKey, der, wrappedPrivateKey);
    }

    boolean hasKey() {
        return algorithm != null;
    }

    @Override
    public String toString() {
        return "TokenRecord[serial=" + serial + ", lifecycle=" + lifecycle + ", " + guard + "]";
    }
}
