package org.orgcert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service as {@code ./orgcert serve} runs it, in a process of its own on the embedded database (durable,
 * restricted role), with {@code ./orgcert audit-verify} and a second start run next to it (issue 12, items 4
 * and 10): the command uses the running database without disturbing it and answers 0 / 1 / 2, a second
 * start refuses, and health says DOWN (503) when the database is gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentCommandsTest {
    private static final Duration START = Duration.ofMinutes(8); // a loaded 2-core machine starts slowly
    /** The service's CA passphrase comes from its environment, as in production; commands never see it. */
    private static final java.util.Map<String, String> SERVICE_ENVIRONMENT =
            java.util.Map.of("ORGCERT_CA_PASSPHRASE", "deployment-test-passphrase");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path folder;
    private Path data;
    private Path serviceLog;
    private int port;
    private Process service;

    @BeforeAll
    void startService() throws Exception {
        folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "deployment");
        // Run by root, PostgreSQL runs as orgcert-db, which must pass every folder above the data folder.
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        data = folder.resolve("data");
        serviceLog = folder.resolve("service.log");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        service = java(serviceLog, SERVICE_ENVIRONMENT, "--server.port=" + port, "--orgcert.data-dir=" + data,
                "--db-scheduler.enabled=false", "--orgcert.issuance.hierarchies=sm2",
                "--orgcert.issuance.token-kdf-log2n=10", "--orgcert.account.bcrypt-strength=4");
        await().atMost(START).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(service.isAlive()).as("service exited: %s", tail(serviceLog)).isTrue();
            int health = health();
            return health == 200 || health == 503;
        });
    }

    @AfterAll
    void stopService() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(2, TimeUnit.MINUTES)) {
                service.destroyForcibly();
            }
        }
        Path pidFile = data.resolve("postgres/postmaster.pid");
        if (Files.exists(pidFile)) { // never leave the test's PostgreSQL behind
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).ifPresent(ProcessHandle::destroy);
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("issue 12.4, review 12.7: audit-verify next to the running service, without the CA passphrase (as"
            + " from cron): exit 0, no CA opened, no passphrase made, and the service keeps its database")
    void auditVerifyUsesTheRunningDatabase() throws Exception {
        assertThat(data.resolve("ca/passphrase")).doesNotExist();
        Command verify = command("audit-verify");
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("intact");
        assertThat(data.resolve("ca/passphrase")).as("a command makes no secret").doesNotExist();
        assertThat(health()).isEqualTo(200);
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("issue 12.4: a second start on the same data folder refuses and leaves the first one alone")
    void aSecondStartRefuses() throws Exception {
        Path log = folder.resolve("second.log");
        Process second = java(log, SERVICE_ENVIRONMENT, "--server.port=0", "--orgcert.data-dir=" + data, "--db-scheduler.enabled=false",
                "--orgcert.issuance.hierarchies=sm2");
        assertThat(second.waitFor(START.toMinutes(), TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("is in use by a running OrgCert service");
        assertThat(health()).isEqualTo(200);
    }

    @Test
    @Order(3)
    @DisplayName("issue 12.4: audit-verify that cannot reach a database exits 2, not 1 (\"broken\")")
    void auditVerifyWithoutADatabaseExitsTwo() throws Exception {
        Command verify = command("audit-verify", "--orgcert.db.url=jdbc:postgresql://127.0.0.1:1/none",
                "--orgcert.data-dir=" + folder.resolve("elsewhere"));
        assertThat(verify.exit()).as(verify.output()).isEqualTo(2);
    }

    @Test
    @Order(4)
    @DisplayName("issue 12.4: audit-verify on a changed record exits 1")
    void auditVerifyOnATamperedLogExitsOne() throws Exception {
        String password = Files.readString(data.resolve("keys/database-owner.password")).strip();
        // The embedded database listens on no TCP port, only on its Unix socket (review issue 12, finding 1).
        String socket = data.resolve("postgres-socket/.s.PGSQL.5432").toAbsolutePath().toString();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost/postgres?socketFactory="
                + "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg&socketFactoryArg="
                + URLEncoder.encode(socket, StandardCharsets.UTF_8), "orgcert_owner", password);
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE audit_record SET detail = 'forged'"
                    + " WHERE id = (SELECT min(id) FROM audit_record)")).isOne();
        }
        Command verify = command("audit-verify");
        assertThat(verify.exit()).as(verify.output()).isEqualTo(1);
    }

    @Test
    @Order(5)
    @DisplayName("issue 12.10: with the database gone, health answers DOWN (503) instead of a 500 after 30 s")
    void healthIsDownWhenTheDatabaseIsGone() throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(
                Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim())).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(healthUri()).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf("health answered %d in %d ms after the database was killed%n", answer.statusCode(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("\"status\":\"DOWN\"");
    }

    private Command command(String name, String... extra) throws Exception {
        Path log = Files.createTempFile(folder, name, ".log");
        List<String> arguments = new ArrayList<>(List.of("--orgcert.command=" + name, "--server.port=-1",
                "--db-scheduler.enabled=false", "--logging.level.root=WARN"));
        if (extra.length == 0) {
            arguments.add("--orgcert.data-dir=" + data);
        }
        arguments.addAll(List.of(extra));
        Process process = java(log, arguments.toArray(String[]::new));
        assertThat(process.waitFor(START.toMinutes(), TimeUnit.MINUTES)).isTrue();
        return new Command(process.exitValue(), Files.readString(log));
    }

    /** The service's main class in a new JVM on this test's class path, without an external database. */
    private static Process java(Path log, String... arguments) throws IOException {
        return java(log, java.util.Map.of(), arguments);
    }

    /** The same, with {@code environment} added to the cleaned one. */
    private static Process java(Path log, java.util.Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), OrgCertApplication.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("ORGCERT_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private int health() {
        try {
            return http.send(HttpRequest.newBuilder(healthUri()).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private URI healthUri() {
        return URI.create("http://127.0.0.1:" + port + "/actuator/health");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private record Command(int exit, String output) {
    }
}
