package org.orgcert.server.application;

/**
 * Called in the approving transaction when an application is approved (APPROVE or APPROVE_ONLINE), so that
 * billing can book its charges; returns true when the employer must pay first, and the application then
 * moves on to AWAITING_PAYMENT (R-FEE-4) before anything is produced.
 */
public interface ApprovalHook {
    boolean awaitsPayment(Application approved, String actor);
}
