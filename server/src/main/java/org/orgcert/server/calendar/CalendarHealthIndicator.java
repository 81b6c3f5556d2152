package org.orgcert.server.calendar;

import org.orgcert.server.database.DatabaseProbe;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code calendar} health component: {@code WARN} within 60 days of the end of the holiday data, or
 * when today has none (R-CH-8 interpretation), so an administrator sees it before due dates start failing.
 * WARN ranks above UP and answers HTTP 200 ({@code application.properties}): the service still works.
 */
@Component
class CalendarHealthIndicator implements HealthIndicator {
    static final Status WARN = new Status("WARN", "the working-day calendar needs next year's notice");

    private final CalendarService calendar;
    private final DatabaseProbe database;

    CalendarHealthIndicator(CalendarService calendar, DatabaseProbe database) {
        this.calendar = calendar;
        this.database = database;
    }

    @Override
    public Health health() {
        if (!database.reachable()) {
            // The status may read the calendar table: with the database gone it would wait out the pool's
            // timeout and hold up the health answer (the db component reports DOWN meanwhile).
            return Health.unknown().withDetail("message", "not checked: the database is unreachable").build();
        }
        CalendarStatus status = calendar.status();
        Health.Builder health = status.level() == CalendarStatus.Level.WARN ? Health.status(WARN) : Health.up();
        health.withDetail("message", status.message()).withDetail("daysLeft", status.daysLeft());
        if (status.coveredThrough() != null) {
            health.withDetail("coveredThrough", status.coveredThrough().getValue());
        }
        return health.build();
    }
}
