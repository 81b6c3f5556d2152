package org.orgcert.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.testing.OpenSsl;

/**
 * Signs as the employer's assistant would, with a signer independent of the kit: OpenSSL for ECDSA and RSA
 * ({@code openssl dgst -sha256 -sign}), Bouncy Castle's JCA for SM2 (OpenSSL 3.0 signs SM2 only with an
 * explicit user ID, and the kit verifies with BC's lightweight classes, not its JCA).
 */
final class Signing {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Signing() {
    }

    static byte[] sign(KitCas.Employer employer, String text, Path dir) {
        return sign(employer.algorithm(), employer.key().getPrivate(), text.getBytes(StandardCharsets.UTF_8), dir);
    }

    static byte[] sign(KeyAlgorithm algorithm, PrivateKey key, byte[] data, Path dir) {
        if (algorithm == KeyAlgorithm.SM2) {
            try {
                Signature signature = Signature.getInstance("SM3withSM2", BC);
                signature.initSign(key);
                signature.update(data);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            Path keyFile = OpenSsl.writePem(Files.createTempFile(dir, "key", ".pem"), "PRIVATE KEY", key.getEncoded());
            Path dataFile = OpenSsl.write(Files.createTempFile(dir, "data", ".txt"), data);
            Path signatureFile = Files.createTempFile(dir, "signature", ".bin");
            OpenSsl.Result result = OpenSsl.run(dir, "dgst", "-sha256", "-sign", keyFile.toString(), "-out",
                    signatureFile.toString(), dataFile.toString());
            if (!result.ok()) {
                throw new IllegalStateException("openssl dgst failed: " + result.output());
            }
            return Files.readAllBytes(signatureFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
