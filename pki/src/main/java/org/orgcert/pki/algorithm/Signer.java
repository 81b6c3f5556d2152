package org.orgcert.pki.algorithm;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.PublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs with a private key that nobody else can read: a CA key, an OCSP signer key, a token key.
 *
 * <p>Implementations keep the key to themselves; there is no getter for it. This is the only way the
 * rest of OrgCert uses a CA key (invariant "a CA key is only ever used through a Signer").
 */
public interface Signer {

    /** The algorithm this signer signs with. */
    KeyAlgorithm algorithm();

    /** The public half of the key, for certificates, key identifiers and verification. */
    PublicKey publicKey();

    /** Signs {@code data} and returns the DER-encoded signature value (thread-safe). */
    byte[] sign(byte[] data);

    /** An adapter for Bouncy Castle's builders, which write the to-be-signed bytes into a stream. */
    default ContentSigner contentSigner() {
        Signer signer = this;
        return new ContentSigner() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return signer.algorithm().signatureAlgorithm();
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                byte[] signature = signer.sign(buffer.toByteArray());
                buffer.reset();
                return signature;
            }
        };
    }
}
