package org.orgcert.server.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code db} health component (in place of Spring Boot's, which borrows from the service pool and waits
 * up to 30 s for a connection): DOWN, so HTTP 503, within about a second of the database going away.
 */
final class DatabaseHealthIndicator implements HealthIndicator {
    private final DatabaseProbe probe;

    DatabaseHealthIndicator(DatabaseProbe probe) {
        this.probe = probe;
    }

    @Override
    public Health health() {
        return probe.problem().map(problem -> Health.down().withDetail("error", problem).build())
                .orElseGet(() -> Health.up().withDetail("database", "PostgreSQL").build());
    }
}
