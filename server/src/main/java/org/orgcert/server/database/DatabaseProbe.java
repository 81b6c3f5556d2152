package org.orgcert.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Is the database there, answered within about a second: a pool of its own with one-second limits, so the
 * health check (and health components that would otherwise wait out the service pool's 30-second connection
 * timeout) report a lost database at once. An answer is reused for a second.
 */
public final class DatabaseProbe implements AutoCloseable {
    private static final long REUSE_NANOS = 1_000_000_000L;

    private final HikariDataSource pool;
    private volatile Answer last;

    DatabaseProbe(DatabaseLogin login) {
        HikariConfig config = DatabaseConfiguration.pool("orgcert-probe", login);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1); // the service starts even if a first probe cannot connect
        config.addDataSourceProperty("connectTimeout", "1");
        config.addDataSourceProperty("socketTimeout", "2");
        pool = new HikariDataSource(config);
    }

    /** True when the database answered. */
    public boolean reachable() {
        return problem().isEmpty();
    }

    /** Why the database did not answer; empty when it did. */
    public synchronized Optional<String> problem() {
        Answer answer = last;
        if (answer == null || System.nanoTime() - answer.at() > REUSE_NANOS) {
            answer = new Answer(probe(), System.nanoTime());
            last = answer;
        }
        return answer.problem();
    }

    private Optional<String> probe() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1) ? Optional.empty() : Optional.of("no answer within 1 s");
        } catch (SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private record Answer(Optional<String> problem, long at) {
    }
}
