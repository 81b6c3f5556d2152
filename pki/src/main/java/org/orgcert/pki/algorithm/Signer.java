package org.orgcert.pki.algorithm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Signs everything {@code data} yields up to its end, for content too large to hold in memory (a CRL of a
     * million entries is spooled to disk and streamed through here). The stream is not closed.
     *
     * <p>This default reads the whole stream into memory and calls {@link #sign(byte[])}; signers that can
     * hash incrementally (such as {@link PrivateKeySigner}) override it.
     *
     * @throws IOException when reading {@code data} fails; no signature is made then
     */
    default byte[] sign(InputStream data) throws IOException {
        return sign(data.readAllBytes());
    }

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
