package org.orgcert.server.tracking;

import java.util.List;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.audit.AuditRecord;
import org.orgcert.server.billing.Payments;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.delivery.PickupDeadlines;
import org.orgcert.server.domain.Actor;
import org.springframework.stereotype.Service;

/**
 * Builds an application's {@link Timeline} for whoever may see it. Steps come from the audit log (names and
 * times only: details may name staff or hold internal notes).
 */
@Service
public class Timelines {
    private final ApplicationService applications;
    private final AuditLog audit;
    private final Payments payments;
    private final CalendarService calendar;

    Timelines(ApplicationService applications, AuditLog audit, Payments payments, CalendarService calendar) {
        this.applications = applications;
        this.audit = audit;
        this.payments = payments;
        this.calendar = calendar;
    }

    /**
     * The application's {@link Progress} for whoever may see it: the steps of its channel, the one it is at, the
     * days of those done and the expected days of those to come (working-day calendar), the waybill.
     */
    public Progress progress(UUID id, Actor actor) {
        Application application = applications.get(id, actor);
        return Progress.of(application, audit.history("application", id.toString()),
                new ExpectedDates(calendar.current()));
    }

    public Timeline of(UUID id, Actor actor) {
        Application application = applications.get(id, actor);
        List<AuditRecord> history = audit.history("application", id.toString());
        var steps = history.stream().map(record -> new Timeline.Step(record.entry().action(), record.occurredAt()))
                .toList();
        boolean pickup = application.form().delivery() == Delivery.WINDOW_PICKUP;
        PickupDeadlines deadlines = new PickupDeadlines(ShanghaiTime.dateOf(application.submittedAt()));
        long due = Math.max(0, payments.outstanding(id).value());
        return new Timeline(id, application.number(), application.state(), steps, application.productionDue(),
                pickup ? deadlines.noticeFrom() : null, pickup ? deadlines.noticeUntil() : null,
                pickup ? deadlines.selfServiceFrom() : null, pickup ? deadlines.collectBy() : null, due,
                application.state() == ApplicationState.REJECTED ? rejectionReason(history) : null);
    }

    /**
     * The reviewer's reason, as the move recorded it: {@code "UNDER_REVIEW -> REJECTED: <reason>"} (see
     * {@code ApplicationService}); the staff page requires one, so only an older rejection has none.
     */
    private static String rejectionReason(List<AuditRecord> history) {
        return history.stream().filter(r -> r.entry().action().equals("application.reject"))
                .reduce((first, second) -> second)
                .map(r -> r.entry().detail()).filter(d -> d != null && d.contains(": "))
                .map(d -> d.substring(d.indexOf(": ") + 2)).orElse(null);
    }
}
