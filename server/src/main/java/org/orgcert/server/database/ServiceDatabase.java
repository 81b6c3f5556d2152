package org.orgcert.server.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.orgcert.server.OrgCertProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database this process uses, and as whom: an external PostgreSQL ({@code ORGCERT_DB_URL}); or the
 * embedded one, which the process starts and owns while it holds the data folder's {@link DataFolderLock};
 * or, for a command such as {@code audit-verify} run next to a running service, that service's embedded
 * database, used as it is (never stopped, never migrated).
 *
 * @param owner    login for migrations
 * @param service  login of the service's connection pool
 * @param attached true when the database belongs to another running process
 */
record ServiceDatabase(DatabaseLogin owner, DatabaseLogin service, boolean attached, Resources resources)
        implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceDatabase.class);

    /** Opens the database for {@code serve} (no command) or for a command. */
    static ServiceDatabase open(OrgCertProperties properties, boolean command) {
        if (properties.db().external()) {
            // The keys and CA key stores live in the data folder whichever database is used.
            DataFolder.create(properties.dataDir());
            DataFolder.secure(properties.dataDir());
            DatabaseLogin login = new DatabaseLogin(properties.db().url(), properties.db().user(), properties.db().password());
            return new ServiceDatabase(login, login, false, new Resources(null, null));
        }
        Path folder = properties.dataDir().toAbsolutePath().normalize();
        DataFolder.create(folder);
        Optional<DataFolderLock> lock = DataFolderLock.tryAcquire(folder);
        if (lock.isEmpty()) {
            if (!command) {
                throw new IllegalStateException("the data folder " + folder + " is in use by a running OrgCert"
                        + " service (pid " + DataFolderLock.holder(folder) + "); stop it first, or give this one"
                        + " its own ORGCERT_DATA_DIR");
            }
            return attach(folder);
        }
        try {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(folder, EmbeddedPostgresServer.Durability.DURABLE);
            return new ServiceDatabase(server.owner(), server.service(), false, new Resources(server, lock.get()));
        } catch (RuntimeException e) {
            lock.get().close();
            throw e;
        }
    }

    /** The embedded database of the service holding the lock, reached through its Unix socket. */
    private static ServiceDatabase attach(Path folder) {
        try {
            Path socket = EmbeddedPostgresServer.socketFile(folder);
            if (!Files.exists(socket)) {
                throw new IOException("no socket " + socket);
            }
            DatabaseSecrets secrets = DatabaseSecrets.load(folder.resolve(EmbeddedPostgresServer.KEYS));
            LOG.info("using the database of the OrgCert service running on {} (pid {})", folder, DataFolderLock.holder(folder));
            return new ServiceDatabase(DatabaseLogin.local(socket, EmbeddedPostgresServer.OWNER, secrets.owner()),
                    DatabaseLogin.local(socket, EmbeddedPostgresServer.SERVICE, secrets.service()), true,
                    new Resources(null, null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("an OrgCert service (pid " + DataFolderLock.holder(folder) + ") holds "
                    + folder + " but its database cannot be found (" + e.getMessage() + "); is it still starting?", e);
        }
    }

    @Override
    public void close() {
        if (resources.server() != null) {
            resources.server().close();
        }
        if (resources.lock() != null) {
            resources.lock().close();
        }
    }

    /** What this process started and must stop: the embedded server and the folder lock (or nothing). */
    record Resources(EmbeddedPostgresServer server, DataFolderLock lock) {
    }
}
