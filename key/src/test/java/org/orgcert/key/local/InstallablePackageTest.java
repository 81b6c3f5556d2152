package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orgcert.key.local.HttpCalls.json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.key.TestTokens;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.key.TokenSource;
import org.orgcert.key.service.FakeProvider;
import org.orgcert.key.signin.TestChallenges;

/**
 * The installable Linux package (issue 13 item 6): {@code key/packaging/build-linux.sh} builds it from the classes
 * as they are now, {@code install.sh} installs it for a user whose HOME is a temporary folder, and its launcher,
 * started with {@code env -i} and a PATH and JAVA_HOME without any JDK, serves the local API on 127.0.0.1 from its
 * own runtime. Slow (about a minute: jlink and jpackage run for real).
 */
class InstallablePackageTest {
    private static final String PLATFORM = "https://zhjy.example.cn";
    private static final Path KEY = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theInstalledPackageServesWithItsOwnRuntime_R_USE_1() throws Exception {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        TokenSource.Software token = (TokenSource.Software) made.source();
        Path dist = dir.resolve("dist");
        run(Duration.ofMinutes(5), "bash", KEY.resolve("packaging/build-linux.sh").toString(), "--input",
                input().toString(), "--main-jar", "orgcert-key.jar", "--dest", dist.toString(), "--version",
                "9.8.7-test", "--no-deb");
        Path tarball = dist.resolve("orgcert-assistant-9.8.7-test-linux-x64.tar.gz");
        assertThat(Files.readString(dist.resolve(tarball.getFileName() + ".sha256")).strip())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(tarball))) + "  " + tarball.getFileName());

        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        run(Duration.ofMinutes(1), "tar", "-xzf", tarball.toString(), "-C", unpacked.toString());
        Path home = Files.createDirectories(dir.resolve("home"));
        try (FakeProvider provider = FakeProvider.start()) {
            provider.listOrigins("{\"origins\":[\"" + PLATFORM + "\"]}");
            run(Duration.ofMinutes(1), "env", "-i", "HOME=" + home, "PATH=/usr/bin:/bin", "sh",
                    unpacked.resolve("orgcert-assistant-9.8.7-test-linux-x64/install.sh").toString(), "--service",
                    provider.url().toString(), "--token-file", token.tokenFile().toString(), "--device-key",
                    token.deviceKeyFile().toString(), "--no-start");
            Path installed = home.resolve(".local/share/orgcert-assistant");
            Path config = home.resolve(".config/orgcert-assistant/config");
            assertThat(installed.resolve("bin/orgcert-assistant")).isExecutable();
            assertThat(installed.resolve("start-assistant")).isExecutable();
            assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(config)).contains("service = " + provider.url(),
                    "token-file = " + token.tokenFile());
            assertThat(Files.readString(home.resolve(".config/autostart/orgcert-assistant.desktop")))
                    .contains("Exec=" + installed.resolve("start-assistant"), "X-GNOME-Autostart-enabled=true");
            assertThat(Files.readString(home.resolve(".config/systemd/user/orgcert-assistant.service")))
                    .contains("ExecStart=" + installed.resolve("bin/orgcert-assistant"), "WantedBy=default.target");

            int port = freePort();
            Files.writeString(config, Files.readString(config) + "port = " + port + "\n");
            Path noJdk = Files.createDirectories(dir.resolve("no-jdk"));
            Path console = dir.resolve("console.log");
            Process assistant = new ProcessBuilder("env", "-i", "HOME=" + home, "PATH=" + noJdk,
                    "JAVA_HOME=" + noJdk, installed.resolve("bin/orgcert-assistant").toString())
                    .redirectErrorStream(true).redirectOutput(console.toFile()).start();
            try {
                HttpCalls calls = new HttpCalls(port);
                try {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                            .until(() -> calls.get("/v1/token", PLATFORM).statusCode() == 200);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("the packaged assistant did not answer; its console:\n"
                            + Files.readString(console), e);
                }
                assertThat(json(calls.get("/v1/token", PLATFORM)).path("tokenSerial").asString())
                        .isEqualTo(made.serial());
                HttpResponse<String> unlisted = calls.get("/v1/token", "https://unlisted.example.cn");
                assertThat(unlisted.statusCode()).isEqualTo(403);
                assertThat(json(unlisted).path("error").asString()).isEqualTo("origin-not-allowed");

                // the JVM is the package's own runtime, not a JDK of this machine
                String maps = Files.readString(Path.of("/proc/" + assistant.pid() + "/maps"));
                assertThat(maps).contains(installed.resolve("lib/runtime/lib/server/libjvm.so").toString())
                        .doesNotContain("/usr/lib/jvm/");

                // a whole sign-in, so the package's runtime signs with the key (SM2 through Bouncy Castle)
                String challenge = TestChallenges.challenge(PLATFORM, made.certificate(), Clock.systemUTC().instant());
                String id = json(calls.postJson("/v1/signin", PLATFORM, json("challenge", challenge,
                        "platformName", "昆明智慧就业"))).path("requestId").asString();
                HttpResponse<String> page = calls.get("/confirm/" + id, null);
                assertThat(page.body()).contains(PLATFORM, TestTokens.EMPLOYER);
                assertThat(calls.postForm("/confirm/" + id, calls.own(), "csrf", HttpCalls.csrf(page.body()), "pin",
                        new String(TestTokens.PIN), "action", "confirm").statusCode()).isEqualTo(200);
                assertThat(json(calls.get("/v1/signin/" + id, PLATFORM)).path("state").asString())
                        .isEqualTo("SIGNED");
            } finally {
                assistant.destroy();
                assistant.waitFor(10, TimeUnit.SECONDS);
                assistant.destroyForcibly();
            }
            assertThat(Files.readString(console)).contains("Listening on http://127.0.0.1:" + port, PLATFORM)
                    .doesNotContain(new String(TestTokens.PIN));
        }
    }

    /** The jars the assistant runs from: its classes now, and its run-time dependencies (as Maven lists them). */
    private Path input() throws IOException {
        Path input = Files.createDirectories(dir.resolve("input"));
        List<String> names = new ArrayList<>();
        for (String entry : Files.readString(KEY.resolve("target/runtime-classpath.txt")).strip()
                .split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = names.size() + "-" + path.getFileName() + (Files.isDirectory(path) ? ".jar" : "");
            if (Files.isDirectory(path)) {
                jar(path, input.resolve(name), null);
            } else {
                Files.copy(path, input.resolve(name));
            }
            names.add(name);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.orgcert.key.cli.PackagedMain");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", names));
        jar(KEY.resolve("target/classes"), input.resolve("orgcert-key.jar"), manifest);
        return input;
    }

    private static void jar(Path classes, Path jar, Manifest manifest) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Runs a command with this JVM's JDK as JAVA_HOME; fails with its output unless it exits 0 in time. */
    private void run(Duration timeout, String... command) throws Exception {
        Path output = Files.createTempFile(dir, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        Process process = builder.start();
        boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + "\n"
                + Files.readString(output, StandardCharsets.UTF_8)).isTrue();
    }
}
