package org.orgcert.server.application;

/**
 * A {@link Guard} that needs another capability's records (review's registry check, billing's payments,
 * delivery's pick-up deadlines), answered by that capability without this one depending on it. Exactly one
 * bean answers each such guard; {@link ApplicationTransitions} checks that at start-up.
 */
public interface TransitionGuard {

    /** The guard this bean answers. */
    Guard guard();

    /** Why {@code event} may not happen to {@code application} now, or null when the guard holds. */
    String refusal(Application application, ApplicationEvent event);
}
