package org.orgcert.server.application;

/**
 * A check an event's transition needs besides the state (the rule ids say which part of the guide). Some are
 * decided from the application alone by {@link ApplicationDecisions}; the others need another capability's
 * records and are answered by the one {@link TransitionGuard} bean that names them.
 */
public enum Guard {
    /** Every required paper is ticked as received (R-MAT-1..4). */
    PAPERS_RECEIVED(true, ApplicationRefusal.MATERIALS_MISSING),
    /** Every required paper is ticked, or the clerk states why they are forwarded without (R-MAT, R-CH-4). */
    PAPERS_RECEIVED_OR_REASON(true, ApplicationRefusal.FORWARD_WITHOUT_PAPERS),
    /** A window's application reaches the CA only in a forwarded batch (R-CH-4). */
    WINDOW_APPLICATIONS_COME_FORWARDED(true, ApplicationRefusal.TRANSITION_NOT_ALLOWED),
    /** The latest check against the unemployment-insurance records allows approval (R-REV-1..3): review. */
    REGISTRY_CHECK_PASSED(false, ApplicationRefusal.TRANSITION_REFUSED),
    /** Nothing the employer owes for the application is unpaid (R-FEE-2..4): billing. */
    PAID_IN_FULL(false, ApplicationRefusal.PAYMENT_OUTSTANDING),
    /** Natural day 45 after submission has passed (R-CH-7): delivery. */
    PICKUP_PERIOD_OVER(false, ApplicationRefusal.PICKUP_PERIOD_NOT_OVER);

    private final boolean decidedHere;
    private final ApplicationRefusal refusal;

    Guard(boolean decidedHere, ApplicationRefusal refusal) {
        this.decidedHere = decidedHere;
        this.refusal = refusal;
    }

    /** The refusal when the guard does not hold. */
    ApplicationRefusal refusal() {
        return refusal;
    }

    /** True when {@link ApplicationDecisions} decides it from the application alone. */
    boolean decidedHere() {
        return decidedHere;
    }
}
