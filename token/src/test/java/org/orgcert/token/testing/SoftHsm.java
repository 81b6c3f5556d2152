package org.orgcert.token.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.orgcert.token.Pkcs11Config;
import org.orgcert.token.Pkcs11Token;

/**
 * A pool of freshly initialised SoftHSM2 tokens for tests of token/ and key/ (shared through token's test-jar), in a token
 * folder under target/ named by SOFTHSM2_CONF (set by surefire), so tests never touch the machine's tokens. All
 * tokens are initialised before the first SunPKCS11 provider loads the library, because SoftHSM2 reads its
 * slots at C_Initialize. Fails (does not skip) when SoftHSM2 is missing: CI installs it.
 */
public final class SoftHsm {
    /** One initialised device: its slot id and the secret K its user PIN was set from. */
    public record Slot(long id, byte[] secret) {
    }

    private static final int POOL = 32;
    private static Deque<Slot> pool;

    private SoftHsm() {
    }

    /** The next unused device. */
    public static synchronized Slot next() {
        if (pool == null) {
            pool = initialise();
        }
        if (pool.isEmpty()) {
            throw new AssertionError("the SoftHSM2 test pool is used up; raise SoftHsm.POOL");
        }
        return pool.pop();
    }

    private static Deque<Slot> initialise() {
        if (!Files.isRegularFile(Pkcs11Config.SOFTHSM2)) {
            throw new AssertionError("SoftHSM2 is not installed (" + Pkcs11Config.SOFTHSM2
                    + " is missing): run apt-get install -y softhsm2");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new AssertionError("SOFTHSM2_CONF is not set; run the tests through Maven (surefire sets it)");
        }
        try {
            Path config = Path.of(conf);
            Path tokens = config.resolveSibling("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> old = Files.walk(tokens)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(config, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                    + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
            SecureRandom random = new SecureRandom();
            byte[][] secrets = new byte[POOL][];
            for (int i = 0; i < POOL; i++) {
                secrets[i] = new byte[32];
                random.nextBytes(secrets[i]);
                run(conf, "softhsm2-util", "--init-token", "--free", "--label", "orgcert-test-" + i,
                        "--pin", Pkcs11Token.hsmPin(secrets[i]), "--so-pin", "so-pin-" + i);
            }
            String shown = run(conf, "softhsm2-util", "--show-slots");
            long slot = -1;
            Map<String, Long> byLabel = new HashMap<>();
            for (String line : shown.split("\n")) {
                String trimmed = line.trim();
                if (line.startsWith("Slot ")) {
                    slot = Long.parseLong(line.substring(5).trim());
                } else if (trimmed.startsWith("Label:")) {
                    byLabel.put(trimmed.substring(6).trim(), slot);
                }
            }
            Deque<Slot> slots = new ArrayDeque<>();
            for (int i = 0; i < POOL; i++) {
                Long id = byLabel.get("orgcert-test-" + i);
                if (id == null) {
                    throw new AssertionError("softhsm2-util did not list token orgcert-key-test-" + i + ":\n" + shown);
                }
                slots.add(new Slot(id, secrets[i]));
            }
            return slots;
        } catch (IOException e) {
            throw new AssertionError("cannot prepare SoftHSM2 tokens", e);
        }
    }

    private static String run(String conf, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command[0], command[1]) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return output;
    }
}
