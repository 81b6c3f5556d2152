package org.orgcert.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.orgcert.server.OrgCertProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's one DataSource: the external PostgreSQL named by {@code ORGCERT_DB_URL}, or else the
 * embedded one with its data under {@code <data dir>/postgres}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(OrgCertProperties properties) {
        return properties.db().external() ? new EmbeddedDatabaseHolder(null)
                : new EmbeddedDatabaseHolder(EmbeddedPostgresServer.start(properties.dataDir().resolve("postgres")));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(OrgCertProperties properties, EmbeddedDatabaseHolder embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("orgcert");
        if (properties.db().external()) {
            config.setJdbcUrl(properties.db().url());
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
        } else {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername(embedded.server().user());
        }
        config.setMaximumPoolSize(16);
        return new HikariDataSource(config);
    }

    /** Holds the embedded server (or nothing) so Spring stops it after the pool is closed. */
    record EmbeddedDatabaseHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
