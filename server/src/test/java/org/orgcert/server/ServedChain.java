package org.orgcert.server;

import java.nio.file.Path;
import org.orgcert.pki.testing.OpenSsl;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A CA's chain as a relying party gets it ({@code /status/<label>/root.cer} and {@code ca.cer}, checked to
 * be {@code application/pkix-cert}), written as PEM next to an employer certificate, for OpenSSL.
 *
 * @param root     the root certificate's PEM file
 * @param issuing  the issuing CA's PEM file
 * @param employer the employer certificate's PEM file
 */
public record ServedChain(Path root, Path issuing, Path employer) {

    /** Downloads the chain of CA {@code label} into {@code dir} beside {@code employerDer}. */
    public static ServedChain download(RestTestClient client, Path dir, String label, byte[] employerDer) {
        return new ServedChain(
                OpenSsl.writePem(dir.resolve("root.pem"), "CERTIFICATE", get(client, "/status/" + label + "/root.cer")),
                OpenSsl.writePem(dir.resolve("issuing.pem"), "CERTIFICATE", get(client, "/status/" + label + "/ca.cer")),
                OpenSsl.writePem(dir.resolve("employer.pem"), "CERTIFICATE", employerDer));
    }

    private static byte[] get(RestTestClient client, String path) {
        return client.get().uri(path).exchange().expectStatus().isOk()
                .expectHeader().contentType("application/pkix-cert").returnResult(byte[].class).getResponseBody();
    }
}
