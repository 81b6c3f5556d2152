package org.orgcert.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-set-up database: a PostgreSQL server started from the binaries in the jar, its data kept in a
 * folder across restarts.
 *
 * <p>After a {@code kill -9} of the JVM, PostgreSQL keeps running (pg_ctl detached it) and the next start
 * would fail on the locked data folder, so {@link #start} first stops a leftover server named in the
 * folder's {@code postmaster.pid}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on a free port with its data in {@code dataFolder} (created if missing). */
    public static EmbeddedPostgresServer start(Path dataFolder) {
        try {
            Files.createDirectories(dataFolder);
            stopLeftover(dataFolder);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataFolder)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataFolder.resolveSibling("postgres-runtime").toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            LOG.info("embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataFolder.toAbsolutePath());
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dataFolder.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** The superuser the embedded server was created with. */
    public String user() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static void stopLeftover(Path dataFolder) throws IOException {
        Path pidFile = dataFolder.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
        Optional<ProcessHandle> leftover;
        try {
            leftover = ProcessHandle.of(Long.parseLong(first));
        } catch (NumberFormatException e) {
            leftover = Optional.empty();
        }
        if (leftover.isPresent() && leftover.get().isAlive()) {
            LOG.warn("stopping a PostgreSQL (pid {}) left running by an earlier start in {}", first, dataFolder);
            ProcessHandle process = leftover.get();
            process.destroy(); // SIGTERM: PostgreSQL's smart shutdown
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }
}
