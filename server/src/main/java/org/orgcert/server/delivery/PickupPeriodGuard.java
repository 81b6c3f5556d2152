package org.orgcert.server.delivery;

import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.Guard;
import org.orgcert.server.application.TransitionGuard;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.calendar.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * R-CH-7: a key waiting at its window is returned and cancelled only after natural day 45 from submission,
 * whether the window's clerk or the daily job asks. Before, the employer may still collect it (R-CH-6).
 */
@Component
class PickupPeriodGuard implements TransitionGuard {
    private final CalendarService calendar;

    PickupPeriodGuard(CalendarService calendar) {
        this.calendar = calendar;
    }

    @Override
    public Guard guard() {
        return Guard.PICKUP_PERIOD_OVER;
    }

    @Override
    public String refusal(Application application, ApplicationEvent event) {
        PickupDeadlines deadlines = new PickupDeadlines(ShanghaiTime.dateOf(application.submittedAt()));
        return deadlines.returnDue(calendar.today()) ? null
                : "the employer may collect the key until " + deadlines.collectBy() + "; it is returned and cancelled"
                        + " from " + deadlines.returnOn() + " (R-CH-6, R-CH-7)";
    }
}
