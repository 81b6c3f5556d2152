package org.orgcert.server.account;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The limit on the public status lookup ({@code /application-status}): per client network, kept in the same
 * PostgreSQL token buckets as the sign-in code requests ({@link CodeRequestLimits}, its own key prefix), so
 * that nobody can try number and USCC pairs one after another. Every lookup counts, found or not.
 */
@Component
public class StatusLookupLimits {
    private final CodeRequestLimits limits;

    StatusLookupLimits(DataSource dataSource, Clock clock,
            @Value("${orgcert.portal.status-lookups.per-client-15min:10}") long clientShort,
            @Value("${orgcert.portal.status-lookups.per-client-day:50}") long clientDay,
            @Value("${orgcert.portal.status-lookups.all-per-minute:600}") long allShort,
            @Value("${orgcert.portal.status-lookups.all-per-day:50000}") long allDay) {
        this.limits = new CodeRequestLimits(dataSource, clock, "lookup-",
                new CodeRequestLimits.Limit(clientShort, Duration.ofMinutes(15), clientDay),
                new CodeRequestLimits.Limit(allShort, Duration.ofMinutes(1), allDay));
    }

    /** Counts one lookup from {@code client} (its address); false when it has looked up too often lately. */
    public boolean admit(String client) {
        try {
            limits.admit(client);
            return true;
        } catch (Refusal limited) {
            return false;
        }
    }
}
