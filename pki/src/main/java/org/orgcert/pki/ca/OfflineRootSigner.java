package org.orgcert.pki.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.Signer;

/**
 * The root of a loaded hierarchy: its public key from the root certificate, and no private key. A running
 * service never signs with the root (it signed the issuing CA once, at creation), so the root's key store is
 * not opened, and a site can move {@code root.p12} offline. Signing fails with a message that says so.
 */
final class OfflineRootSigner implements Signer {
    private final KeyAlgorithm algorithm;
    private final PublicKey publicKey;

    OfflineRootSigner(X509CertificateHolder rootCertificate) {
        try {
            algorithm = KeyAlgorithm.of(rootCertificate.getSubjectPublicKeyInfo());
            publicKey = KeyFactory.getInstance(algorithm.keyType(), Pki.provider())
                    .generatePublic(new X509EncodedKeySpec(rootCertificate.getSubjectPublicKeyInfo().getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException(PkiException.Kind.KEY_STORE, "the root certificate's key cannot be read", e);
        }
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
        throw new PkiException(PkiException.Kind.KEY_STORE, "the root key is kept offline (root.p12 is not"
                + " loaded by a running service); sign with it only in a key ceremony");
    }
}
