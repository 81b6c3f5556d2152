package org.orgcert.server.application;

import org.orgcert.server.domain.Actor;

/**
 * Carries out a {@link Consequence} of a transition in the transition's transaction: if it fails, the move
 * does not happen. Exactly one bean carries out each consequence (checked at start-up).
 */
public interface TransitionConsequence {

    /** The consequence this bean carries out. */
    Consequence consequence();

    /**
     * Carries it out.
     *
     * @param before the application as it was before the move
     * @param event  the event applied
     * @param actor  who applied it
     */
    void carryOut(Application before, ApplicationEvent event, Actor actor);

    /**
     * Carries it out, knowing what the actor stated with the step (a rejection's reason, a shipment's waybill).
     * By default the same as {@link #carryOut(Application, ApplicationEvent, Actor)}.
     */
    default void carryOut(Application before, ApplicationEvent event, Actor actor, String reason) {
        carryOut(before, event, actor);
    }
}
