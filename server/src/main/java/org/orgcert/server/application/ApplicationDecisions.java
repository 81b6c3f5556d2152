package org.orgcert.server.application;

import java.util.List;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;

/**
 * The one decision of the application process: may {@code actor} apply {@code event} to {@code application}
 * now? Reads {@link ApplicationEvent}'s table — states, channel and delivery, who, the guards decided from the
 * application itself — and answers allowed (with the guards other capabilities still answer and the
 * consequences) or refused with a typed {@link Refusal}. Pure: no database, no clock; every door (API, pages,
 * jobs, other capabilities) reaches it through {@link ApplicationTransitions}, and pages ask it which buttons
 * to show.
 */
public final class ApplicationDecisions {

    private ApplicationDecisions() {
    }

    /** What the decision said. */
    public sealed interface Decision {
        /** Allowed, if the {@code otherGuards} (answered by other capabilities) hold too. */
        record Allowed(ApplicationEvent event, List<Guard> otherGuards) implements Decision {
        }

        /** Refused: nothing may change. */
        record Refused(Refusal refusal) implements Decision {
        }
    }

    /**
     * Decides.
     *
     * @param reason what the actor stated with the event (a forwarding without every paper needs one)
     */
    public static Decision decide(Application application, Actor actor, ApplicationEvent event, String reason) {
        Refusal refusal = visibility(actor, application);
        if (refusal == null) {
            refusal = who(actor, event);
        }
        if (refusal == null) {
            refusal = table(application, event);
        }
        if (refusal == null) {
            refusal = guards(application, event, reason);
        }
        return refusal != null ? new Decision.Refused(refusal)
                : new Decision.Allowed(event, event.guards().stream().filter(g -> !g.decidedHere()).toList());
    }

    /** May {@code actor} see the application at all? Other employers' applications are absent (404). */
    static Refusal visibility(Actor actor, Application application) {
        if (actor instanceof Actor.EmployerAgent agent && !agent.actsFor(application.form().uscc().value())) {
            return ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application " + application.id());
        }
        if (actor instanceof Actor.Staff staff && staff.isClerkOfOtherWindow(application.form().windowId())) {
            return ApplicationRefusal.OTHER_WINDOW.refuse("a clerk of window " + staff.windowId()
                    + " may not act on another window's applications");
        }
        return null;
    }

    private static Refusal who(Actor actor, ApplicationEvent event) {
        ApplicationEvent.Who who = event.who();
        if (actor instanceof Actor.Staff staff) {
            return who.roles().contains(staff.role()) ? null
                    : CommonRefusal.ROLE_NOT_ALLOWED.refuse(event + " needs one of the roles " + who.roles());
        }
        if (actor instanceof Actor.EmployerAgent) {
            return who.owner() ? null : CommonRefusal.ROLE_NOT_ALLOWED.refuse("an employer's agent may not " + event
                    + " an application; only withdraw it");
        }
        return who.system() ? null : ApplicationRefusal.NOT_APPLIED_BY_THIS_ACTOR.refuse(event + " is a step of "
                + (who.roles().isEmpty() ? "the employer's agent" : "staff with the role " + who.roles())
                + ", not of the service itself");
    }

    private static Refusal table(Application application, ApplicationEvent event) {
        ApplicationState state = application.state();
        if (!event.sources().contains(state)) {
            return ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse("an application that is " + state + " cannot be "
                    + event + " (allowed from " + event.sources() + ")");
        }
        if (event.channel() != null && event.channel() != application.form().channel()) {
            return ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse(event + " is only for applications submitted"
                    + " through " + event.channel());
        }
        if (event.delivery() != null && event.delivery() != application.form().delivery()) {
            return ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse(event + " is only for delivery "
                    + event.delivery() + "; this application is " + application.form().delivery());
        }
        return null;
    }

    private static Refusal guards(Application application, ApplicationEvent event, String reason) {
        for (Guard guard : event.guards()) {
            String why = guard.decidedHere() ? holds(guard, application, reason) : null;
            if (why != null) {
                return guard.refusal().refuse(why);
            }
        }
        return null;
    }

    /** Why a guard decided here does not hold, or null. */
    private static String holds(Guard guard, Application application, String reason) {
        List<MaterialItem> missing = application.missingMaterials();
        return switch (guard) {
            case PAPERS_RECEIVED -> missing.isEmpty() ? null
                    : "review cannot pass while papers are missing: " + missing + " (R-MAT-1..4)";
            case PAPERS_RECEIVED_OR_REASON -> missing.isEmpty() || (reason != null && !reason.isBlank()) ? null
                    : application.number() + " lacks " + missing + ": tick the papers received, or state why it is"
                            + " forwarded without them (R-MAT, R-CH-4)";
            case WINDOW_APPLICATIONS_COME_FORWARDED ->
                    application.state() == ApplicationState.SUBMITTED && application.form().channel() == Channel.WINDOW
                            ? "a window's application reaches the CA only in a forwarded batch (R-CH-4)" : null;
            default -> throw new IllegalStateException(guard + " is answered by another capability");
        };
    }
}
