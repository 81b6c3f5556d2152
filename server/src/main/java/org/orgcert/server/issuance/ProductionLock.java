package org.orgcert.server.issuance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Serialises production per application across threads and nodes with a PostgreSQL session advisory lock
 * held on a connection of its own for the whole production (token work included). If the process dies the
 * connection drops and PostgreSQL releases the lock, so a crashed production never blocks its retry.
 *
 * <p>This only keeps racing callers from personalising two tokens or setting two PINs; exactly-once issuing
 * itself rests on UNIQUE(application_id) and the row lock taken to sign.
 */
@Component
class ProductionLock {
    /** The lock's key space (two int4 keys never collide with the audit log's single bigint key). */
    private static final int CLASS_ID = 0x4f435052; // "OCPR"

    private final DataSource dataSource;

    ProductionLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits for the application's lock; closing the handle releases it. */
    Held acquire(UUID applicationId) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(true);
                call(connection, "SELECT pg_advisory_lock(?, ?)", applicationId);
                return new Held(connection, applicationId);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock production of application " + applicationId, e);
        }
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

    private static void call(Connection connection, String sql, UUID applicationId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, CLASS_ID);
            statement.setInt(2, applicationId.hashCode());
            statement.executeQuery().close();
        }
    }
}
