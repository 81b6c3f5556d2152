package org.orgcert.server.application;

import java.util.EnumSet;
import java.util.Set;

/**
 * Everything that can happen to an application, with the transition table: the states it may happen in,
 * the state it leads to, and the channel or delivery it requires. A state machine as data, so the whole
 * process of the guide reads in one place.
 */
public enum ApplicationEvent {
    /** A window sends the application to the CA in a batch (R-CH-4). */
    FORWARD(EnumSet.of(ApplicationState.SUBMITTED), ApplicationState.FORWARDED, Channel.WINDOW, null),
    /** The CA receives it: directly at the hall or by mail, or from a window's batch. */
    RECEIVE(EnumSet.of(ApplicationState.SUBMITTED, ApplicationState.FORWARDED), ApplicationState.RECEIVED, null, null),
    /** A reviewer takes it up (R-REV-1). */
    START_REVIEW(EnumSet.of(ApplicationState.RECEIVED), ApplicationState.UNDER_REVIEW, null, null),
    /** Several insurance records: returned until they are merged (R-REV-2). */
    RETURN_FOR_MERGE(EnumSet.of(ApplicationState.UNDER_REVIEW), ApplicationState.RETURNED_FOR_MERGE, null, null),
    /** The records were merged: review continues. */
    RECORDS_MERGED(EnumSet.of(ApplicationState.RETURNED_FOR_MERGE), ApplicationState.UNDER_REVIEW, null, null),
    /** The form differs from the record: customer service will phone (R-REV-3). */
    ASK_PHONE_CONFIRMATION(EnumSet.of(ApplicationState.UNDER_REVIEW), ApplicationState.AWAITING_PHONE_CONFIRMATION,
            null, null),
    /** The employer agreed on the phone: the record was updated to the form's data, review continues. */
    CONFIRM_BY_PHONE(EnumSet.of(ApplicationState.AWAITING_PHONE_CONFIRMATION), ApplicationState.UNDER_REVIEW, null, null),
    /** The employer did not agree (R-REV-3). */
    DECLINE_BY_PHONE(EnumSet.of(ApplicationState.AWAITING_PHONE_CONFIRMATION), ApplicationState.DECLINED, null, null),
    /**
     * An online request passed its checks at once: the current key's signature and the certificate's status
     * (renewal), or staff acting on the employer's papers (information change), or the unlock policy.
     */
    APPROVE_ONLINE(EnumSet.of(ApplicationState.SUBMITTED), ApplicationState.APPROVED, Channel.ONLINE, null),
    /** An online request was declined (e.g. an unlock request customer service did not approve). */
    DECLINE_ONLINE(EnumSet.of(ApplicationState.SUBMITTED), ApplicationState.REJECTED, Channel.ONLINE, null),
    /** Review passed: every material present and one matching record. */
    APPROVE(EnumSet.of(ApplicationState.UNDER_REVIEW), ApplicationState.APPROVED, null, null),
    /** Review failed for good. */
    REJECT(EnumSet.of(ApplicationState.UNDER_REVIEW), ApplicationState.REJECTED, null, null),
    /** The application is paid for by the employer: wait for the transfer (R-FEE-4). */
    AWAIT_PAYMENT(EnumSet.of(ApplicationState.APPROVED), ApplicationState.AWAITING_PAYMENT, null, null),
    /** The employer's payment was matched. */
    PAYMENT_SETTLED(EnumSet.of(ApplicationState.AWAITING_PAYMENT), ApplicationState.APPROVED, null, null),
    /** Production starts; due in 3 working days (R-CH-2). */
    START_PRODUCTION(EnumSet.of(ApplicationState.APPROVED), ApplicationState.IN_PRODUCTION, null, null),
    /** The key pair was generated on the USB key and the certificate written to it. */
    COMPLETE_PRODUCTION(EnumSet.of(ApplicationState.IN_PRODUCTION), ApplicationState.PRODUCED, null, null),
    /** Handed over at the hall (R-CH-3). */
    HAND_OVER(EnumSet.of(ApplicationState.PRODUCED), ApplicationState.HANDED_OVER, null, Delivery.ON_THE_SPOT),
    /** Sent by EMS with a waybill number (R-CH-2). */
    SHIP(EnumSet.of(ApplicationState.PRODUCED), ApplicationState.SHIPPED, null, Delivery.MAIL),
    /** EMS delivered it. */
    CONFIRM_DELIVERY(EnumSet.of(ApplicationState.SHIPPED), ApplicationState.DELIVERED, null, Delivery.MAIL),
    /** Arrived at the window for pick-up (R-CH-4). */
    ARRIVE_AT_WINDOW(EnumSet.of(ApplicationState.PRODUCED), ApplicationState.AT_WINDOW, null, Delivery.WINDOW_PICKUP),
    /** The employer was phoned to collect (R-CH-5, days 5-15). */
    NOTIFY(EnumSet.of(ApplicationState.AT_WINDOW), ApplicationState.NOTIFIED, null, Delivery.WINDOW_PICKUP),
    /** Collected at the window (R-CH-5, R-CH-6). */
    COLLECT(EnumSet.of(ApplicationState.AT_WINDOW, ApplicationState.NOTIFIED), ApplicationState.COLLECTED, null,
            Delivery.WINDOW_PICKUP),
    /** Not collected after 45 natural days: back to the CA, certificate revoked (R-CH-7). */
    RETURN_AND_CANCEL(EnumSet.of(ApplicationState.AT_WINDOW, ApplicationState.NOTIFIED),
            ApplicationState.RETURNED_AND_CANCELLED, null, Delivery.WINDOW_PICKUP),
    /** The new certificate (or unlock response) was handed to the employer's assistant (R-REN-2). */
    DELIVER_ONLINE(EnumSet.of(ApplicationState.PRODUCED), ApplicationState.DELIVERED, null, Delivery.TO_TOKEN),
    /** The employer withdraws before production starts. */
    WITHDRAW(EnumSet.of(ApplicationState.SUBMITTED, ApplicationState.FORWARDED, ApplicationState.RECEIVED,
            ApplicationState.UNDER_REVIEW, ApplicationState.RETURNED_FOR_MERGE,
            ApplicationState.AWAITING_PHONE_CONFIRMATION, ApplicationState.APPROVED, ApplicationState.AWAITING_PAYMENT),
            ApplicationState.WITHDRAWN, null, null);

    private final Set<ApplicationState> from;
    private final ApplicationState to;
    private final Channel channel;
    private final Delivery delivery;

    ApplicationEvent(Set<ApplicationState> from, ApplicationState to, Channel channel, Delivery delivery) {
        this.from = from;
        this.to = to;
        this.channel = channel;
        this.delivery = delivery;
    }

    /** The state this event leads to. */
    public ApplicationState target() {
        return to;
    }

    /** The states this event may happen in. */
    public Set<ApplicationState> sources() {
        return EnumSet.copyOf(from);
    }

    /**
     * Why this event cannot happen to an application in {@code state} submitted through {@code channel}
     * for {@code delivery}, or null when it can.
     */
    public String refusal(ApplicationState state, Channel channel, Delivery delivery) {
        if (!from.contains(state)) {
            return "an application that is " + state + " cannot be " + name() + " (allowed from " + from + ")";
        }
        if (this == RECEIVE && state == ApplicationState.SUBMITTED && channel == Channel.WINDOW) {
            return "a window's application reaches the CA only in a forwarded batch (R-CH-4)";
        }
        if (this.channel != null && this.channel != channel) {
            return name() + " is only for applications submitted through " + this.channel;
        }
        if (this.delivery != null && this.delivery != delivery) {
            return name() + " is only for delivery " + this.delivery + "; this application is " + delivery;
        }
        return null;
    }
}
