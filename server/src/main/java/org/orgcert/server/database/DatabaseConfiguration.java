package org.orgcert.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.orgcert.server.CommandContextPart;
import org.orgcert.server.OrgCertProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The service's DataSources: the pool the service runs on (the restricted role on the embedded database),
 * the owner's for Flyway, and the health check's ({@link DatabaseProbe}).
 */
@CommandContextPart
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    ServiceDatabase serviceDatabase(OrgCertProperties properties, @Value("${orgcert.command:}") String command) {
        return ServiceDatabase.open(properties, !command.isBlank());
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(ServiceDatabase database) {
        HikariConfig config = pool("orgcert", database.service());
        config.setMaximumPoolSize(16);
        return new HikariDataSource(config);
    }

    /** Migrations run as the owner of the schema; the service's role could not create tables. */
    @Bean
    @FlywayDataSource
    DataSource ownerDataSource(ServiceDatabase database) {
        DatabaseLogin owner = database.owner();
        return new SimpleDriverDataSource(new org.postgresql.Driver(), owner.jdbcUrl(), owner.user(), owner.password());
    }

    /** A command using a running service's database leaves its schema to that service. */
    @Bean
    FlywayMigrationStrategy migrationStrategy(ServiceDatabase database) {
        return flyway -> {
            if (!database.attached()) {
                flyway.migrate();
            }
        };
    }

    @Bean(destroyMethod = "close")
    DatabaseProbe databaseProbe(ServiceDatabase database) {
        return new DatabaseProbe(database.service());
    }

    /** Named so that it replaces Spring Boot's own {@code db} component. */
    @Bean
    DatabaseHealthIndicator dbHealthIndicator(DatabaseProbe probe) {
        return new DatabaseHealthIndicator(probe);
    }

    static HikariConfig pool(String name, DatabaseLogin login) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(login.jdbcUrl());
        config.setUsername(login.user());
        config.setPassword(login.password());
        return config;
    }
}
