package org.orgcert.server.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.domain.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Window pick-up after production: the clerks' call list of R-CH-5 (phone the employer between day 5 and
 * day 15 after submission) and the return and cancellation of R-CH-7 (a key not collected by day 45 goes
 * back to the CA on day 46 and its certificate is revoked, which also ends the employer's first-certificate
 * status: billing reads it from the revocation). Both are run by jobs and are safe to repeat and to run
 * on several nodes: notices are unique per application, and returns are compare-and-set transitions.
 */
@Service
public class PickupNotices {
    /** The actor of everything the jobs do. */
    static final String SYSTEM = "system:pickup";
    private static final Actor JOB = Actor.system("pickup");
    private static final Logger LOG = LoggerFactory.getLogger(PickupNotices.class);

    private final ApplicationService applications;
    private final CalendarService calendar;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    PickupNotices(ApplicationService applications, CalendarService calendar,
            JdbcTemplate jdbc, AuditLog audit, Clock clock, TransactionTemplate transactions) {
        this.applications = applications;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * An open phone notice on a window's call list.
     *
     * @param applicationId the application
     * @param windowId      the window that calls
     * @param dueFrom       day 5 after submission
     * @param dueUntil      day 15 after submission
     */
    public record Notice(UUID applicationId, String windowId, LocalDate dueFrom, LocalDate dueUntil) {
    }

    /** Puts every key that reached day 5 on its window's call list (R-CH-5); returns how many were added. */
    @Transactional
    public int createDueNotices() {
        LocalDate today = calendar.today();
        int added = 0;
        for (Application application : applications.awaitingPickup()) {
            PickupDeadlines deadlines = new PickupDeadlines(ShanghaiTime.dateOf(application.submittedAt()));
            if (application.state() != ApplicationState.AT_WINDOW || today.isBefore(deadlines.noticeFrom())) {
                continue;
            }
            int inserted = jdbc.update("INSERT INTO phone_notice_task (application_id, window_id, due_from, due_until,"
                    + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", application.id(),
                    application.form().windowId(), deadlines.noticeFrom(), deadlines.noticeUntil(),
                    Timestamp.from(clock.instant()));
            if (inserted == 1) {
                added++;
                audit.record(new AuditEntry(SYSTEM, "delivery.notice-due", "application", application.id().toString(),
                        "phone the employer by " + deadlines.noticeUntil() + " (R-CH-5)"));
            }
        }
        return added;
    }

    /** A window's open call list, soonest deadline first. */
    public List<Notice> openNotices(String windowId) {
        return jdbc.query("SELECT * FROM phone_notice_task WHERE window_id = ? AND done_at IS NULL ORDER BY due_until",
                (rs, i) -> new Notice(rs.getObject("application_id", UUID.class), rs.getString("window_id"),
                        rs.getDate("due_from").toLocalDate(), rs.getDate("due_until").toLocalDate()), windowId);
    }

    /** The clerk phoned the employer: the application NOTIFIED, and with it the call done (CLOSE_PICKUP_CALL). */
    public Application phoned(UUID applicationId, Actor clerk) {
        return applications.apply(applicationId, ApplicationEvent.NOTIFY, clerk, "phoned (R-CH-5)");
    }

    /**
     * Returns every key not collected by day 45 to the CA (R-CH-7): the same RETURN_AND_CANCEL a window's clerk
     * applies, with the same guard and consequences (the certificate revoked, the call closed). Each application
     * in its own transaction, so that one that fails does not hold back the others.
     *
     * @return how many were returned
     */
    public int returnUncollected() {
        LocalDate today = calendar.today();
        int returned = 0;
        for (Application application : applications.awaitingPickup()) {
            if (!new PickupDeadlines(ShanghaiTime.dateOf(application.submittedAt())).returnDue(today)) {
                continue;
            }
            try {
                transactions.executeWithoutResult(status -> applications.apply(application.id(),
                        ApplicationEvent.RETURN_AND_CANCEL, JOB, "not collected within 45 days (R-CH-7)"));
                returned++;
            } catch (RuntimeException e) {
                // Collected or returned meanwhile, or a failure of this one application: the others go on; the
                // next run tries it again.
                LOG.warn("application {} not returned: {}", application.number(), e.getMessage());
            }
        }
        return returned;
    }
}
