package org.orgcert.server.tracking;

import java.time.LocalDate;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.calendar.CalendarYearMissingException;
import org.orgcert.server.calendar.WorkingDayCalendar;
import org.orgcert.server.delivery.PickupDeadlines;

/**
 * The one place that says when the employer may expect the steps of its application still to come, from the
 * rules and the working-day calendar: produced within 3 working days once production may start (approved with
 * nothing owed, or the payment settled), and then shipped or handed over (R-CH-2..4); at a window, phoned between
 * natural days 5 and 15 after submission, else called or come on days 16 to 45, the last day to collect (R-CH-5..7).
 * A date in a year the calendar lacks is not guessed: it is null, and the page says the rule in words instead.
 */
public final class ExpectedDates {
    /** R-CH-2, R-CH-4: production within 3 working days. */
    public static final int PRODUCTION_WORKING_DAYS = 3;

    private final WorkingDayCalendar calendar;

    public ExpectedDates(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * What to expect for an application.
     *
     * @param delivery           how the key comes back
     * @param submitted          the day it was handed in (Asia/Shanghai)
     * @param productionMayStart the day production could start (approval with nothing owed, or the payment
     *                           settled), or null while it cannot
     * @param productionDue      the due date recorded when production started, or null before
     */
    public Expected expect(Delivery delivery, LocalDate submitted, LocalDate productionMayStart,
            LocalDate productionDue) {
        LocalDate producedBy = productionDue != null ? productionDue : producedBy(productionMayStart);
        if (delivery != Delivery.WINDOW_PICKUP) {
            return new Expected(producedBy, null, null, null, null);
        }
        PickupDeadlines pickup = new PickupDeadlines(submitted);
        return new Expected(producedBy, pickup.noticeFrom(), pickup.noticeUntil(), pickup.selfServiceFrom(),
                pickup.collectBy());
    }

    private LocalDate producedBy(LocalDate productionMayStart) {
        if (productionMayStart == null) {
            return null;
        }
        try {
            return calendar.addWorkingDays(productionMayStart, PRODUCTION_WORKING_DAYS);
        } catch (CalendarYearMissingException e) {
            return null;
        }
    }

    /**
     * The dates to expect; null where not known yet (or not for this delivery).
     *
     * @param producedBy  the key produced by this day; shipped by EMS or handed over at the hall by then too
     * @param phonedFrom  window pick-up: the window phones from this day (day 5)
     * @param phonedUntil … to this day (day 15)
     * @param comeFrom    not phoned: the employer calls or comes from this day (day 16)
     * @param collectBy   the last day to collect (day 45); the day after, the key goes back and the certificate
     *                    is cancelled
     */
    public record Expected(LocalDate producedBy, LocalDate phonedFrom, LocalDate phonedUntil, LocalDate comeFrom,
            LocalDate collectBy) {
    }
}
