package org.orgcert.pki.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system's {@code openssl} as an independent verifier of what OrgCert signs. Tests never trust
 * Bouncy Castle alone to check Bouncy Castle's output.
 */
public final class OpenSsl {
    private OpenSsl() {
    }

    /**
     * The result of one run.
     *
     * @param exitCode the process exit code
     * @param output   standard output and standard error, merged
     */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code openssl args...} in {@code dir} and returns its exit code and output. */
    public static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes DER as a PEM file of the given type (e.g. CERTIFICATE, X509 CRL) and returns its path. */
    public static Path writePem(Path file, String type, byte[]... ders) {
        StringBuilder pem = new StringBuilder();
        for (byte[] der : ders) {
            pem.append("-----BEGIN ").append(type).append("-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der))
                    .append("\n-----END ").append(type).append("-----\n");
        }
        try {
            Files.writeString(file, pem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** Writes raw bytes to {@code file} and returns it. */
    public static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }
}
