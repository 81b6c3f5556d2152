package org.orgcert.server.application;

/**
 * What happens together with an event, in its transaction, whoever applied it (a clerk's button, the API or
 * a job): the same event always has the same consequences. {@link #SET_PRODUCTION_DUE} is this capability's
 * own; every other one is carried out by the one {@link TransitionConsequence} bean that names it.
 */
public enum Consequence {
    /** The production's due date, 3 working days ahead, for a paper application (R-CH-2). */
    SET_PRODUCTION_DUE,
    /** What the application costs is booked to the employer and the bureau (R-FEE-1..3): billing. */
    BOOK_CHARGES,
    /** The application's certificate is revoked (R-CH-7: the uncollected key is cancelled). */
    REVOKE_CERTIFICATE,
    /** The window's open phone call for the key is closed. */
    CLOSE_PICKUP_CALL,
    /** Nothing booked for the application stays owed or subsidised once it ended without a certificate. */
    VOID_CHARGES,
    /** The employer is told by SMS what happened, in the bureau's words (R-SMS-1): tracking. */
    TELL_EMPLOYER
}
