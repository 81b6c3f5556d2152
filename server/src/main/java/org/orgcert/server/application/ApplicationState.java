package org.orgcert.server.application;

/**
 * Where an application is. The allowed moves between states are {@link ApplicationEvent}'s transition
 * table; nothing else changes a state.
 */
public enum ApplicationState {
    /** Handed in at a window, the CA hall or by mail. */
    SUBMITTED,
    /** Sent by the window to the CA in a batch (R-CH-4). */
    FORWARDED,
    /** Received by the CA. */
    RECEIVED,
    /** Being checked against the materials and the unemployment-insurance records (R-REV-1). */
    UNDER_REVIEW,
    /** Several insurance records: the employer must have them merged first (R-REV-2). */
    RETURNED_FOR_MERGE,
    /** The form differs from the insurance record: customer service phones the employer (R-REV-3). */
    AWAITING_PHONE_CONFIRMATION,
    /** Reviewed and approved. */
    APPROVED,
    /** Approved, waiting for the employer's payment before production (R-FEE-4). */
    AWAITING_PAYMENT,
    /** Being produced; due within 3 working days of approval (R-CH-2). */
    IN_PRODUCTION,
    /** The USB key holds its certificate. */
    PRODUCED,
    /** Handed over at the CA hall (R-CH-3). */
    HANDED_OVER,
    /** Sent by EMS with a waybill number. */
    SHIPPED,
    /** EMS delivered it. */
    DELIVERED,
    /** Waiting at the window for collection (R-CH-5). */
    AT_WINDOW,
    /** The employer was phoned to collect it (R-CH-5). */
    NOTIFIED,
    /** Collected at the window. */
    COLLECTED,
    /** Not collected within 45 natural days: returned to the CA and the certificate revoked (R-CH-7). */
    RETURNED_AND_CANCELLED,
    /** Withdrawn by the employer before production. */
    WITHDRAWN,
    /** The employer did not agree to update the insurance record to the form's data (R-REV-3). */
    DECLINED,
    /** Refused at review, e.g. no insurance record or invalid materials (R-REV-1). */
    REJECTED;

    /** True when nothing more can happen to the application. */
    public boolean isFinal() {
        return switch (this) {
            case HANDED_OVER, DELIVERED, COLLECTED, RETURNED_AND_CANCELLED, WITHDRAWN, DECLINED, REJECTED -> true;
            default -> false;
        };
    }
}
