package org.orgcert.server.application;

/**
 * A check another capability adds to a transition without this capability depending on it: review
 * refuses APPROVE until the insurance records match (R-REV), billing will refuse START_PRODUCTION until
 * paid (R-FEE-4). Every Spring bean of this type is consulted before a move.
 */
public interface TransitionGuard {

    /** Why {@code event} may not happen to {@code application} now, or null when this guard allows it. */
    String refusal(Application application, ApplicationEvent event);
}
