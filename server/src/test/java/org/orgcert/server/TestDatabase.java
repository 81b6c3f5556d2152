package org.orgcert.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.orgcert.server.database.EmbeddedPostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL tests run against: a fresh database on the server named by
 * {@code ORGCERT_TEST_DB_URL} (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}), or else an embedded
 * server started once per test JVM under {@code target/} (as its owner, with the test-only fast
 * durability). Never H2, never a mock.
 */
public final class TestDatabase {
    private static String url;
    private static String user;
    private static String password;

    private TestDatabase() {
    }

    /** Points the service under test at the test database and its data folder at a temporary one. */
    public static synchronized void register(DynamicPropertyRegistry registry) {
        if (url == null) {
            start();
        }
        registry.add("orgcert.db.url", () -> url);
        registry.add("orgcert.db.user", () -> user);
        registry.add("orgcert.db.password", () -> password);
    }

    private static void start() {
        String external = System.getenv("ORGCERT_TEST_DB_URL");
        try {
            if (external != null && !external.isBlank()) {
                user = System.getenv().getOrDefault("ORGCERT_TEST_DB_USER", "postgres");
                password = System.getenv().getOrDefault("ORGCERT_TEST_DB_PASSWORD", "");
                String name = "orgcert_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                try (Connection c = DriverManager.getConnection(external, user,
                        System.getenv().getOrDefault("ORGCERT_TEST_DB_PASSWORD", ""))) {
                    c.createStatement().execute("CREATE DATABASE " + name);
                }
                url = external.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (Connection c = DriverManager.getConnection(external, user, password)) {
                        c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    } catch (SQLException e) {
                        // best effort: a leftover test database is harmless
                    }
                }));
            } else {
                Path folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-postgres");
                // Test data need not survive a crash: the one place the fast, unsafe settings are asked for.
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(folder,
                        EmbeddedPostgresServer.Durability.TESTS_ONLY_NOT_CRASH_SAFE);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (Exception e) {
                        // the JVM is ending anyway
                    }
                }));
                url = server.owner().jdbcUrl();
                user = server.owner().user();
                password = server.owner().password();
            }
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("cannot prepare the test database", e);
        }
    }
}
