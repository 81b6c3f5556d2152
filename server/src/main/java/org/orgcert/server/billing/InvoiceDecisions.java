package org.orgcert.server.billing;

import static org.orgcert.server.billing.InvoiceRequest.State.ISSUED;
import static org.orgcert.server.billing.InvoiceRequest.State.REQUESTED;

import java.util.EnumSet;
import java.util.Set;
import org.orgcert.server.billing.InvoiceRequest.State;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.StaffRole;

/**
 * The invoice request's machine (R-FEE-4): one table, one decision function. A request is REQUESTED when the tax
 * system leaves it to staff (the default {@link RecordedTaxSystem}), or ISSUED/FAILED at once by the tax system.
 */
public final class InvoiceDecisions {
    private InvoiceDecisions() {
    }

    /** The transition table. */
    public enum Event {
        /** Customer service issued it in the tax system and records the invoice number. */
        RECORD_ISSUED(EnumSet.of(REQUESTED), ISSUED);

        private final Set<State> from;
        private final State to;

        Event(Set<State> from, State to) {
            this.from = from;
            this.to = to;
        }
    }

    /**
     * Decides {@code event} by {@code actor} on a request in {@code state}; returns the state it leads to.
     *
     * @throws org.orgcert.server.domain.Refusal 403 {@code role-not-allowed}; 409 {@code not-requested}
     */
    public static State decide(State state, Actor actor, Event event) {
        if (actor == null || !actor.hasRole(StaffRole.CA_SERVICE)) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse(event + " of an invoice request is customer service's.");
        }
        if (!event.from.contains(state)) {
            throw BillingRefusal.NOT_REQUESTED.refuse("The invoice request is " + state + ", not waiting for staff.");
        }
        return event.to;
    }
}
