package org.orgcert.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings, from {@code application.properties} or the environment
 * ({@code ORGCERT_DATA_DIR}, {@code ORGCERT_DB_URL}, {@code ORGCERT_DB_USER}, {@code ORGCERT_DB_PASSWORD}).
 *
 * @param dataDir where the embedded database, CA key stores and generated secrets live
 * @param db      an external PostgreSQL; when its URL is empty the embedded one runs
 */
@ConfigurationProperties("orgcert")
public record OrgCertProperties(Path dataDir, Db db) {

    public OrgCertProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null) : db;
    }

    /**
     * An external database.
     *
     * @param url      JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/orgcert}; empty for embedded
     * @param user     user name
     * @param password password
     */
    public record Db(String url, String user, String password) {
        /** True when an external database is configured. */
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }
}
