package org.orgcert.server.workbench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.billing.InvoiceRequests;
import org.orgcert.server.billing.Payments;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.delivery.PickupNotices;
import org.orgcert.server.lifecycle.InformationChangeRequests;
import org.orgcert.server.lifecycle.UnlockRequests;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;

/**
 * Each staff role's queues, counted: a window clerk's for their window only (applications to forward, keys
 * waiting for pick-up, phone notices due), the CA clerk's intake and payments, the reviewer's, the operator's,
 * customer service's (phone confirmations, unlock requests, information-change requests, unmatched payments,
 * invoice requests).
 */
@Service
public class Workbench {
    private final ApplicationService applications;
    private final PickupNotices notices;
    private final UnlockRequests unlocks;
    private final InformationChangeRequests changes;
    private final Payments payments;
    private final InvoiceRequests invoices;
    private final Clock clock;

    Workbench(ApplicationService applications, PickupNotices notices, UnlockRequests unlocks,
            InformationChangeRequests changes, Payments payments, InvoiceRequests invoices, Clock clock) {
        this.applications = applications;
        this.notices = notices;
        this.unlocks = unlocks;
        this.changes = changes;
        this.payments = payments;
        this.invoices = invoices;
        this.clock = clock;
    }

    /** The queues of {@code actor}'s role. */
    public List<Queue> queues(Actor actor) {
        if (!(actor instanceof Actor.Staff staff)) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("The workbench is for staff.");
        }
        Map<ApplicationState, ApplicationService.QueueCount> counts = applications.counts(
                staff.role() == org.orgcert.server.domain.StaffRole.WINDOW_CLERK ? staff.windowId() : null).stream()
                .collect(Collectors.toMap(ApplicationService.QueueCount::state, Function.identity()));
        List<Queue> queues = new ArrayList<>();
        switch (staff.role()) {
            case WINDOW_CLERK -> {
                queues.add(state(counts, "to-forward", ApplicationState.SUBMITTED, "R-CH-4"));
                queues.add(state(counts, "at-window", ApplicationState.AT_WINDOW, "R-CH-5"));
                queues.add(state(counts, "notified", ApplicationState.NOTIFIED, "R-CH-6"));
                var today = ShanghaiTime.today(clock);
                var open = notices.openNotices(staff.windowId());
                queues.add(new Queue("phone-notices", open.size(),
                        open.stream().filter(n -> !n.dueUntil().isAfter(today)).count(), "R-CH-5"));
            }
            case CA_CLERK -> {
                queues.add(state(counts, "to-receive", ApplicationState.FORWARDED, "R-CH-4"));
                queues.add(state(counts, "submitted", ApplicationState.SUBMITTED, "R-CH-1"));
                queues.add(state(counts, "awaiting-payment", ApplicationState.AWAITING_PAYMENT, "R-FEE-4"));
            }
            case CA_REVIEWER -> {
                queues.add(state(counts, "to-review", ApplicationState.RECEIVED, "R-REV-1"));
                queues.add(state(counts, "under-review", ApplicationState.UNDER_REVIEW, "R-REV-1"));
                queues.add(state(counts, "returned-for-merge", ApplicationState.RETURNED_FOR_MERGE, "R-REV-2"));
                queues.add(state(counts, "phone-confirmation", ApplicationState.AWAITING_PHONE_CONFIRMATION, "R-REV-3"));
            }
            case CA_OPERATOR -> {
                queues.add(state(counts, "to-produce", ApplicationState.APPROVED, "R-CH-2"));
                queues.add(state(counts, "in-production", ApplicationState.IN_PRODUCTION, "R-CH-2"));
                queues.add(state(counts, "to-deliver", ApplicationState.PRODUCED, "R-CH-2"));
                queues.add(state(counts, "shipped", ApplicationState.SHIPPED, "R-CH-2"));
            }
            case CA_SERVICE -> {
                queues.add(state(counts, "phone-confirmation", ApplicationState.AWAITING_PHONE_CONFIRMATION, "R-REV-3"));
                queues.add(new Queue("unlock-requests", unlocks.pending().size(), 0, "R-FEE-1 d"));
                queues.add(new Queue("information-changes", changes.pending().size(), 0, "R-FEE-1 c"));
                queues.add(new Queue("unmatched-payments", payments.unmatched().size(), 0, "R-FEE-4"));
                queues.add(new Queue("invoice-requests", invoices.open().size(), 0, "R-FEE-4"));
            }
            case BUREAU_ADMIN, AUDITOR -> counts.values().forEach(c -> queues.add(new Queue(
                    c.state().name().toLowerCase().replace('_', '-'), c.count(), c.overdue(), "R-CH")));
        }
        return queues;
    }

    private static Queue state(Map<ApplicationState, ApplicationService.QueueCount> counts, String name,
            ApplicationState state, String rule) {
        ApplicationService.QueueCount count = counts.get(state);
        return new Queue(name, count == null ? 0 : count.count(), count == null ? 0 : count.overdue(), rule);
    }
}
