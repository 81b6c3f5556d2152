package org.orgcert.pki.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Signer#sign(InputStream)}: what the streaming CRL writer signs through. */
class StreamingSignTest {

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"SM2", "ECDSA_P256"})
    void streamedSignatureVerifiesAndAFailedStreamLeavesNoResidue(KeyAlgorithm algorithm) throws IOException {
        Signer signer = PrivateKeySigner.of(algorithm.generateKeyPair());
        byte[] data = new byte[200_000]; // several 64 KiB chunks
        new Random(1).nextBytes(data);
        assertThat(Signatures.verify(signer.publicKey(), data, signer.sign(new ByteArrayInputStream(data)))).isTrue();

        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(data, 0, 100_000), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        });
        assertThatThrownBy(() -> signer.sign(failing)).isInstanceOf(IOException.class);
        byte[] small = {1, 2, 3};
        assertThat(Signatures.verify(signer.publicKey(), small, signer.sign(small))).isTrue();
        assertThat(Signatures.verify(signer.publicKey(), small, signer.sign(new ByteArrayInputStream(small)))).isTrue();
    }
}
