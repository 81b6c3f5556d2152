package org.orgcert.server.lifecycle;

import static org.orgcert.server.lifecycle.UnlockRequest.State.APPROVED;
import static org.orgcert.server.lifecycle.UnlockRequest.State.PENDING;
import static org.orgcert.server.lifecycle.UnlockRequest.State.REJECTED;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.lifecycle.UnlockRequest.State;

/**
 * The unlock request's machine (R-FEE-1 d): one table of events with the state each may happen in, the state it
 * leads to, who may cause it and what follows; one decision function. Filing creates a request PENDING.
 */
public final class UnlockDecisions {
    private UnlockDecisions() {
    }

    /** Who acts on an unlock request. */
    public enum Party {
        /** A CA_SERVICE staff member. */
        CUSTOMER_SERVICE,
        /** The automatic approval ({@code orgcert.unlock.auto-approve}). */
        POLICY,
        /** The assistant that filed the request, proved by its secret. */
        REQUESTING_ASSISTANT
    }

    /** What follows from an event, in its transaction. */
    public enum Consequence {
        /** The UNLOCK application goes APPROVE_ONLINE … DELIVER_ONLINE (billing books the bureau's cost). */
        DELIVER_APPLICATION,
        /** The UNLOCK application is declined (DECLINE_ONLINE). */
        DECLINE_APPLICATION
    }

    /** The transition table. */
    public enum Event {
        APPROVE(EnumSet.of(PENDING), APPROVED, EnumSet.of(Party.CUSTOMER_SERVICE, Party.POLICY),
                List.of(Consequence.DELIVER_APPLICATION)),
        REJECT(EnumSet.of(PENDING), REJECTED, EnumSet.of(Party.CUSTOMER_SERVICE), List.of(Consequence.DECLINE_APPLICATION)),
        /** The one-time response is computed for the requesting assistant; the state stays. */
        GIVE_RESPONSE(EnumSet.of(APPROVED), APPROVED, EnumSet.of(Party.REQUESTING_ASSISTANT), List.of());

        private final Set<State> from;
        private final State to;
        private final Set<Party> parties;
        private final List<Consequence> consequences;

        Event(Set<State> from, State to, Set<Party> parties, List<Consequence> consequences) {
            this.from = from;
            this.to = to;
            this.parties = parties;
            this.consequences = consequences;
        }
    }

    /** An allowed event: the state it leads to and what follows. */
    public record Allowed(State target, List<Consequence> consequences) {
    }

    /**
     * Decides {@code event} by {@code party} on a request in {@code state}.
     *
     * @throws org.orgcert.server.domain.Refusal 403 {@code role-not-allowed}; 409 {@code already-decided} (approve or
     *         reject a decided request), {@code unlock-not-approved} (a response for a pending or rejected one)
     */
    public static Allowed decide(State state, Party party, Event event) {
        if (party == null || !event.parties.contains(party)) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse(event + " of an unlock request is only for " + event.parties + ".");
        }
        if (!event.from.contains(state)) {
            throw event == Event.GIVE_RESPONSE
                    ? LifecycleRefusal.UNLOCK_NOT_APPROVED.refuse("The unlock request is " + state + ", not approved.")
                            .with("state", state.name())
                    : LifecycleRefusal.ALREADY_DECIDED.refuse("The unlock request is already " + state + ".");
        }
        return new Allowed(event.to, event.consequences);
    }
}
