package org.orgcert.server.application;

import static org.orgcert.server.application.ApplicationState.AT_WINDOW;
import static org.orgcert.server.application.ApplicationState.AWAITING_PAYMENT;
import static org.orgcert.server.application.ApplicationState.AWAITING_PHONE_CONFIRMATION;
import static org.orgcert.server.application.ApplicationState.APPROVED;
import static org.orgcert.server.application.ApplicationState.FORWARDED;
import static org.orgcert.server.application.ApplicationState.IN_PRODUCTION;
import static org.orgcert.server.application.ApplicationState.NOTIFIED;
import static org.orgcert.server.application.ApplicationState.PRODUCED;
import static org.orgcert.server.application.ApplicationState.RECEIVED;
import static org.orgcert.server.application.ApplicationState.RETURNED_FOR_MERGE;
import static org.orgcert.server.application.ApplicationState.SHIPPED;
import static org.orgcert.server.application.ApplicationState.SUBMITTED;
import static org.orgcert.server.application.ApplicationState.UNDER_REVIEW;
import static org.orgcert.server.domain.StaffRole.CA_CLERK;
import static org.orgcert.server.domain.StaffRole.CA_OPERATOR;
import static org.orgcert.server.domain.StaffRole.CA_REVIEWER;
import static org.orgcert.server.domain.StaffRole.CA_SERVICE;
import static org.orgcert.server.domain.StaffRole.WINDOW_CLERK;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.orgcert.server.domain.StaffRole;

/**
 * Everything that can happen to an application: the whole transition table of the guide's process in one
 * place. Each event names the states it may happen in and the state it leads to, the channel or delivery it
 * is for, who may apply it ({@link Who}), the checks that must pass ({@link Guard}) and what else happens
 * with it ({@link Consequence}). {@link ApplicationDecisions#decide} reads this table and nothing else decides
 * a move; {@link ApplicationTransitions} applies what it allows, with the consequences, in one transaction.
 */
public enum ApplicationEvent {
    /** A window sends the application to the CA in a batch (R-CH-4), with its papers or a stated reason. */
    FORWARD(from(SUBMITTED), FORWARDED, Channel.WINDOW, null, Who.staff(WINDOW_CLERK),
            List.of(Guard.PAPERS_RECEIVED_OR_REASON), List.of()),
    /** The CA receives it: directly at the hall or by mail, or from a window's batch. */
    RECEIVE(from(SUBMITTED, FORWARDED), RECEIVED, null, null, Who.staff(CA_CLERK),
            List.of(Guard.WINDOW_APPLICATIONS_COME_FORWARDED), List.of(Consequence.TELL_EMPLOYER)),
    /** A reviewer takes it up (R-REV-1). */
    START_REVIEW(from(RECEIVED), UNDER_REVIEW, null, null, Who.staff(CA_REVIEWER), List.of(), List.of()),
    /** Several insurance records: returned until they are merged (R-REV-2). */
    RETURN_FOR_MERGE(from(UNDER_REVIEW), RETURNED_FOR_MERGE, null, null, Who.staff(CA_REVIEWER), List.of(), List.of()),
    /** The records were merged: review continues. */
    RECORDS_MERGED(from(RETURNED_FOR_MERGE), UNDER_REVIEW, null, null, Who.staff(CA_REVIEWER), List.of(), List.of()),
    /** The form differs from the record: customer service will phone (R-REV-3). */
    ASK_PHONE_CONFIRMATION(from(UNDER_REVIEW), AWAITING_PHONE_CONFIRMATION, null, null, Who.staff(CA_REVIEWER),
            List.of(), List.of()),
    /** The employer agreed on the phone: the record was updated to the form's data, review continues. */
    CONFIRM_BY_PHONE(from(AWAITING_PHONE_CONFIRMATION), UNDER_REVIEW, null, null, Who.staff(CA_REVIEWER, CA_SERVICE),
            List.of(), List.of()),
    /** The employer did not agree (R-REV-3). */
    DECLINE_BY_PHONE(from(AWAITING_PHONE_CONFIRMATION), ApplicationState.DECLINED, null, null,
            Who.staff(CA_REVIEWER, CA_SERVICE), List.of(), List.of(Consequence.TELL_EMPLOYER)),
    /**
     * An online request passed its own checks (renewal: the current key's signature and the certificate's
     * status; information change: staff acting on the employer's papers; unlock: the unlock policy). Applied by
     * the lifecycle capability once its own decision allowed the request.
     */
    APPROVE_ONLINE(from(SUBMITTED), APPROVED, Channel.ONLINE, null, Who.SYSTEM, List.of(),
            List.of(Consequence.BOOK_CHARGES)),
    /** An online request was declined (e.g. an unlock request customer service did not approve). */
    DECLINE_ONLINE(from(SUBMITTED), ApplicationState.REJECTED, Channel.ONLINE, null, Who.SYSTEM, List.of(), List.of()),
    /** Review passed: every paper present and one matching insurance record (R-MAT, R-REV). */
    APPROVE(from(UNDER_REVIEW), APPROVED, null, null, Who.staff(CA_REVIEWER),
            List.of(Guard.PAPERS_RECEIVED, Guard.REGISTRY_CHECK_PASSED),
            List.of(Consequence.BOOK_CHARGES, Consequence.TELL_EMPLOYER)),
    /** Review failed for good. */
    REJECT(from(UNDER_REVIEW), ApplicationState.REJECTED, null, null, Who.staff(CA_REVIEWER), List.of(),
            List.of(Consequence.TELL_EMPLOYER)),
    /** Approved, and the employer pays first (R-FEE-4): follows an approval that leaves something owed. */
    AWAIT_PAYMENT(from(APPROVED), AWAITING_PAYMENT, null, null, Who.SYSTEM, List.of(),
            List.of(Consequence.TELL_EMPLOYER)),
    /** A matched payment covers everything owed (R-FEE-2..4): only billing's matching applies it. */
    PAYMENT_SETTLED(from(AWAITING_PAYMENT), APPROVED, null, null, Who.SYSTEM, List.of(Guard.PAID_IN_FULL), List.of()),
    /** Production starts; due in 3 working days for a paper application (R-CH-2). Nothing may be owed. */
    START_PRODUCTION(from(APPROVED), IN_PRODUCTION, null, null, Who.staffOrSystem(CA_OPERATOR),
            List.of(Guard.PAID_IN_FULL), List.of(Consequence.SET_PRODUCTION_DUE)),
    /** The key pair was generated on the USB key and the certificate written to it. */
    COMPLETE_PRODUCTION(from(IN_PRODUCTION), PRODUCED, null, null, Who.staffOrSystem(CA_OPERATOR), List.of(),
            List.of(Consequence.TELL_EMPLOYER)),
    /** Handed over at the hall (R-CH-3). */
    HAND_OVER(from(PRODUCED), ApplicationState.HANDED_OVER, null, Delivery.ON_THE_SPOT, Who.staff(CA_OPERATOR),
            List.of(), List.of()),
    /** Sent by EMS with a waybill number (R-CH-2). */
    SHIP(from(PRODUCED), SHIPPED, null, Delivery.MAIL, Who.staff(CA_OPERATOR), List.of(),
            List.of(Consequence.TELL_EMPLOYER)),
    /** EMS delivered it. */
    CONFIRM_DELIVERY(from(SHIPPED), ApplicationState.DELIVERED, null, Delivery.MAIL, Who.staffOrSystem(CA_OPERATOR),
            List.of(), List.of()),
    /** Arrived at the window for pick-up (R-CH-4). */
    ARRIVE_AT_WINDOW(from(PRODUCED), AT_WINDOW, null, Delivery.WINDOW_PICKUP, Who.staff(WINDOW_CLERK), List.of(),
            List.of(Consequence.TELL_EMPLOYER)),
    /** The employer was phoned to collect (R-CH-5, days 5-15). */
    NOTIFY(from(AT_WINDOW), NOTIFIED, null, Delivery.WINDOW_PICKUP, Who.staff(WINDOW_CLERK), List.of(),
            List.of(Consequence.CLOSE_PICKUP_CALL)),
    /** Collected at the window (R-CH-5, R-CH-6). */
    COLLECT(from(AT_WINDOW, NOTIFIED), ApplicationState.COLLECTED, null, Delivery.WINDOW_PICKUP,
            Who.staff(WINDOW_CLERK), List.of(), List.of(Consequence.CLOSE_PICKUP_CALL)),
    /**
     * Not collected after 45 natural days: back to the CA and the certificate revoked (R-CH-7). The same for the
     * window's clerk and the daily job: not before day 46, and always with the revocation (whose SMS to the employer
     * is the certificate machine's, R-SMS-1).
     */
    RETURN_AND_CANCEL(from(AT_WINDOW, NOTIFIED), ApplicationState.RETURNED_AND_CANCELLED, null,
            Delivery.WINDOW_PICKUP, Who.staffOrSystem(WINDOW_CLERK), List.of(Guard.PICKUP_PERIOD_OVER),
            List.of(Consequence.REVOKE_CERTIFICATE, Consequence.CLOSE_PICKUP_CALL)),
    /** The new certificate (or unlock response) was handed to the employer's assistant (R-REN-2). */
    DELIVER_ONLINE(from(PRODUCED), ApplicationState.DELIVERED, null, Delivery.TO_TOKEN, Who.SYSTEM, List.of(),
            List.of()),
    /** Withdrawn before production starts, by the CA's clerk or the employer's own agent; nothing stays owed. */
    WITHDRAW(from(SUBMITTED, FORWARDED, RECEIVED, UNDER_REVIEW, RETURNED_FOR_MERGE, AWAITING_PHONE_CONFIRMATION,
            APPROVED, AWAITING_PAYMENT), ApplicationState.WITHDRAWN, null, null, Who.staffOrOwner(CA_CLERK), List.of(),
            List.of(Consequence.VOID_CHARGES));

    private final Set<ApplicationState> from;
    private final ApplicationState to;
    private final Channel channel;
    private final Delivery delivery;
    private final Who who;
    private final List<Guard> guards;
    private final List<Consequence> consequences;

    ApplicationEvent(Set<ApplicationState> from, ApplicationState to, Channel channel, Delivery delivery, Who who,
            List<Guard> guards, List<Consequence> consequences) {
        this.from = from;
        this.to = to;
        this.channel = channel;
        this.delivery = delivery;
        this.who = who;
        this.guards = guards;
        this.consequences = consequences;
    }

    private static Set<ApplicationState> from(ApplicationState first, ApplicationState... more) {
        return EnumSet.of(first, more);
    }

    /** The state this event leads to. */
    public ApplicationState target() {
        return to;
    }

    /**
     * The event the service applies right after this one when it may: an approval that leaves the employer
     * owing something is followed by AWAIT_PAYMENT (R-FEE-4), so no approved application can be produced unpaid.
     */
    ApplicationEvent followedBy() {
        return this == APPROVE || this == APPROVE_ONLINE ? AWAIT_PAYMENT : null;
    }

    /** The states this event may happen in. */
    public Set<ApplicationState> sources() {
        return EnumSet.copyOf(from);
    }

    /** The channel it is only for, or null. */
    Channel channel() {
        return channel;
    }

    /** The delivery it is only for, or null. */
    Delivery delivery() {
        return delivery;
    }

    /** Who may apply it. */
    public Who who() {
        return who;
    }

    /** What must hold for it to happen, checked in this order. */
    public List<Guard> guards() {
        return guards;
    }

    /** What else happens with it, in the same transaction. */
    public List<Consequence> consequences() {
        return consequences;
    }

    /**
     * Who may apply an event: staff of some roles (a window clerk only at their own window), the employer's own
     * agent, and the service itself ({@code system}: a job, or a capability acting on its own decision).
     */
    public record Who(Set<StaffRole> roles, boolean owner, boolean system) {
        static final Who SYSTEM = new Who(Set.of(), false, true);

        static Who staff(StaffRole... roles) {
            return new Who(Set.of(roles), false, false);
        }

        static Who staffOrSystem(StaffRole... roles) {
            return new Who(Set.of(roles), false, true);
        }

        static Who staffOrOwner(StaffRole... roles) {
            return new Who(Set.of(roles), true, false);
        }
    }
}
