package org.orgcert.server.lifecycle;

import static org.orgcert.server.lifecycle.InformationChangeRequest.State.APPROVED;
import static org.orgcert.server.lifecycle.InformationChangeRequest.State.PENDING;
import static org.orgcert.server.lifecycle.InformationChangeRequest.State.REJECTED;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.lifecycle.InformationChangeRequest.State;

/**
 * The information-change request's machine (R-FEE-1 c): one table, one decision function. Asking creates a request
 * PENDING; customer service approves (which is the change: a successor for the same key) or rejects with a reason.
 */
public final class InformationChangeDecisions {
    private InformationChangeDecisions() {
    }

    /** What follows from an event, in its transaction. */
    public enum Consequence {
        /** The successor certificate is recorded (and then signed) replacing the old one (InformationChanges). */
        ISSUE_SUCCESSOR
    }

    /** The transition table; each event is customer service's. */
    public enum Event {
        APPROVE(EnumSet.of(PENDING), APPROVED, List.of(Consequence.ISSUE_SUCCESSOR)),
        REJECT(EnumSet.of(PENDING), REJECTED, List.of());

        private final Set<State> from;
        private final State to;
        private final List<Consequence> consequences;

        Event(Set<State> from, State to, List<Consequence> consequences) {
            this.from = from;
            this.to = to;
            this.consequences = consequences;
        }
    }

    /** An allowed event: the state it leads to and what follows. */
    public record Allowed(State target, List<Consequence> consequences) {
    }

    /**
     * Decides {@code event} by {@code actor} on a request in {@code state}.
     *
     * @throws org.orgcert.server.domain.Refusal 403 {@code role-not-allowed}; 409 {@code already-decided}
     */
    public static Allowed decide(State state, Actor actor, Event event) {
        if (actor == null || !actor.hasRole(StaffRole.CA_SERVICE)) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse(event + " of an information change is customer service's.");
        }
        if (!event.from.contains(state)) {
            throw LifecycleRefusal.ALREADY_DECIDED.refuse("The information-change request is already " + state + ".");
        }
        return new Allowed(event.to, event.consequences);
    }
}
