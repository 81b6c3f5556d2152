package org.orgcert.examples.kmzhjy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.OrgCertApplication;
import org.orgcert.server.database.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The OrgCert service started inside the test, as server tests start it ({@code ServiceTest}'s settings), on a free
 * port of 127.0.0.1 and real PostgreSQL: a fresh database on {@code ORGCERT_TEST_DB_URL} when set (as the server's
 * {@code TestDatabase} does), else an embedded server under {@code target/}. Its clock is the machine's: the
 * employer's assistant and the browser check times against their own.
 */
final class OrgCertService implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final Runnable dropDatabase;
    private final String url;
    private final Path dataDir;

    private OrgCertService(ConfigurableApplicationContext context, Runnable dropDatabase, String url, Path dataDir) {
        this.context = context;
        this.dropDatabase = dropDatabase;
        this.url = url;
        this.dataDir = dataDir;
    }

    static OrgCertService start() throws IOException, SQLException {
        // Under the system's temporary folder, not target/: the embedded database's Unix socket path must stay under
        // the kernel's 107 bytes, and a checkout's path (a CI workspace) can be long.
        Path dataDir = Files.createTempDirectory("orgcert-e2e");
        int port = freePort();
        Map<String, Object> properties = new HashMap<>();
        Runnable drop = database(dataDir, properties);
        properties.putAll(Map.of(
                "server.port", port,
                "server.address", "127.0.0.1",
                "orgcert.data-dir", dataDir.toString(),
                // SM2 only, the default algorithm: the other CA hierarchies take seconds to make and are not used here.
                "orgcert.issuance.hierarchies", "sm2",
                // A cheap PIN key for test tokens (production keeps scrypt N = 2^17 per token file).
                "orgcert.issuance.token-kdf-log2n", "10",
                // No background jobs: nothing in a sign-in waits for one.
                "db-scheduler.enabled", "false",
                "orgcert.account.bcrypt-strength", "4",
                "orgcert.audit.checkpoint-every", "0s",
                "spring.main.banner-mode", "off"));
        // As arguments, which outrank the service's application.properties (default properties would not).
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrgCertApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        return new OrgCertService(context, drop, "http://127.0.0.1:" + port, dataDir);
    }

    /** Where the browser, the platform and the assistant reach it: {@code http://127.0.0.1:<port>}. */
    String url() {
        return url;
    }

    /** Its data folder (CA keys, software tokens). */
    Path dataDir() {
        return dataDir;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Stops it and removes its database and data folders (an embedded database is some 100 MB a run). */
    @Override
    public void close() throws IOException {
        context.close();
        dropDatabase.run();
        FileSystemUtils.deleteRecursively(dataDir);
        FileSystemUtils.deleteRecursively(postgresFolder(dataDir));
    }

    /** Puts the database's properties into {@code properties}; answers how to drop it afterwards. */
    private static Runnable database(Path dataDir, Map<String, Object> properties) throws IOException, SQLException {
        String external = System.getenv("ORGCERT_TEST_DB_URL");
        if (external == null || external.isBlank()) {
            // Test data need not survive a crash: the fast, unsafe settings the server's tests use too.
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(postgresFolder(dataDir),
                    EmbeddedPostgresServer.Durability.TESTS_ONLY_NOT_CRASH_SAFE);
            properties.put("orgcert.db.url", server.owner().jdbcUrl());
            properties.put("orgcert.db.user", server.owner().user());
            properties.put("orgcert.db.password", server.owner().password());
            return server::close;
        }
        String user = System.getenv().getOrDefault("ORGCERT_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ORGCERT_TEST_DB_PASSWORD", "");
        String name = "orgcert_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(external, user, password)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        properties.put("orgcert.db.url", external.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1"));
        properties.put("orgcert.db.user", user);
        properties.put("orgcert.db.password", password);
        return () -> {
            try (Connection c = DriverManager.getConnection(external, user, password)) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // best effort: a leftover test database is harmless
            }
        };
    }

    private static Path postgresFolder(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-postgres");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
