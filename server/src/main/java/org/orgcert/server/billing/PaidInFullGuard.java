package org.orgcert.server.billing;

import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.Guard;
import org.orgcert.server.application.TransitionGuard;
import org.springframework.stereotype.Component;

/**
 * R-FEE-2..4: an application the employer pays for is settled, and produced, only when matched payments cover
 * everything booked to the employer. No button can say "paid" instead.
 */
@Component
class PaidInFullGuard implements TransitionGuard {
    private final Payments payments;

    PaidInFullGuard(Payments payments) {
        this.payments = payments;
    }

    @Override
    public Guard guard() {
        return Guard.PAID_IN_FULL;
    }

    @Override
    public String refusal(Application application, ApplicationEvent event) {
        Fen owed = payments.outstanding(application.id());
        return owed.isPositive() ? application.number() + ": " + owed + " yuan are still owed; a matched transfer"
                + " settles it (R-FEE-2..4)" : null;
    }
}
