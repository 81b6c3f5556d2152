package org.orgcert.server.issuance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Serialises production per application across threads and nodes with a PostgreSQL session advisory lock
 * held for the whole production (token work included). If the process dies the connection drops and
 * PostgreSQL releases the lock, so a crashed production never blocks its retry, and {@link TokenSweep} can
 * tell a token of a dead production (lock free) from one of a running production (lock held).
 *
 * <p>The lock lives on a <b>pool of its own</b> of {@link ProductionSettings#concurrency} connections, never on
 * the service's pool: a producer that holds the lock needs the service's pool for its transactions, and when
 * the lock took a connection from that same pool, 16 parallel producers held all 16 and waited forever for a
 * 17th. Now waiting producers hold nothing the work needs. The lock pool's size is also how many productions
 * run at once; a producer that gets no slot within {@link ProductionSettings#maxWait}, or waits that long for
 * another call producing the same application, is refused ({@code production-busy},
 * {@code production-in-progress}) before it takes a token.
 *
 * <p>This only keeps racing callers from personalising two tokens or setting two PINs; exactly-once issuing
 * itself rests on UNIQUE(application_id) and the row lock taken to sign.
 */
@Component
class ProductionLock implements AutoCloseable {
    /** The lock's key space (two int4 keys never collide with the audit log's single bigint key). */
    private static final int CLASS_ID = 0x4f435052; // "OCPR"
    /** PostgreSQL's lock_not_available: lock_timeout ran out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final HikariDataSource pool;
    private final ProductionSettings settings;

    ProductionLock(DataSource service, ProductionSettings settings) {
        this.settings = settings;
        this.pool = new HikariDataSource(config(service, settings));
    }

    private static HikariConfig config(DataSource service, ProductionSettings settings) {
        if (!(service instanceof HikariDataSource main)) {
            throw new IllegalStateException("the production lock copies the service pool's settings; it is a "
                    + service.getClass().getName());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("orgcert-production-lock");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        config.setDataSourceProperties(main.getDataSourceProperties());
        config.setMaximumPoolSize(settings.concurrency());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.maxWait().toMillis());
        config.setAutoCommit(true);
        // A wait for the same application's lock ends like a wait for a slot; pg_advisory_lock obeys it.
        config.setConnectionInitSql("SET lock_timeout = " + settings.maxWait().toMillis());
        return config;
    }

    /**
     * Takes a production slot and the application's lock, waiting up to {@link ProductionSettings#maxWait} for
     * each; closing the handle releases both.
     *
     * @throws org.orgcert.server.domain.Refusal {@code production-busy} when every slot stays taken,
     *         {@code production-in-progress} when another call keeps producing this application
     */
    Held acquire(UUID applicationId) {
        Connection connection = slot(applicationId);
        try {
            call(connection, "SELECT pg_advisory_lock(?, ?)", applicationId);
            return new Held(connection, applicationId);
        } catch (SQLException e) {
            close(connection);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw IssuanceRefusal.PRODUCTION_IN_PROGRESS.refuse("Application " + applicationId
                        + " is being produced by another call for more than " + settings.maxWait().toSeconds()
                        + " s; try again when it has finished.");
            }
            throw new IllegalStateException("cannot lock production of application " + applicationId, e);
        }
    }

    /** The application's lock if nobody holds it now (a production of it is not running), without waiting. */
    Optional<Held> tryAcquire(UUID applicationId) {
        Connection connection = slot(applicationId);
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, CLASS_ID);
            statement.setInt(2, applicationId.hashCode());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.of(new Held(connection, applicationId));
                }
            }
            close(connection);
            return Optional.empty();
        } catch (SQLException e) {
            close(connection);
            throw new IllegalStateException("cannot try the production lock of application " + applicationId, e);
        }
    }

    private Connection slot(UUID applicationId) {
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw IssuanceRefusal.PRODUCTION_BUSY.refuse("All " + settings.concurrency()
                    + " production slots stayed busy for " + settings.maxWait().toSeconds()
                    + " s; application " + applicationId + " was not touched, try again shortly.");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to produce application " + applicationId, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A held lock. */
    static final class Held implements AutoCloseable {
        private final Connection connection;
        private final UUID applicationId;

        private Held(Connection connection, UUID applicationId) {
            this.connection = connection;
            this.applicationId = applicationId;
        }

        @Override
        public void close() {
            try (connection) {
                call(connection, "SELECT pg_advisory_unlock(?, ?)", applicationId);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot release the production lock of " + applicationId, e);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the pool evicts a broken connection; nothing is held on it
        }
    }

    private static void call(Connection connection, String sql, UUID applicationId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, CLASS_ID);
            statement.setInt(2, applicationId.hashCode());
            statement.executeQuery().close();
        }
    }
}
