package org.orgcert.server.application;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;

/**
 * Who may do what to an application, beyond the per-endpoint roles of the security configuration: which
 * role applies which event, a window clerk only at their own window (403 {@code other-window}), an
 * employer's agent only for their own employers (others' applications are 404, as if absent). Every check
 * runs before anything changes. Plain code, tested without Spring.
 */
final class ApplicationAccess {
    /** The staff roles that may apply each event; an employer's agent may only WITHDRAW their own. */
    static final Map<ApplicationEvent, Set<StaffRole>> EVENT_ROLES = new EnumMap<>(ApplicationEvent.class);

    static {
        for (ApplicationEvent event : ApplicationEvent.values()) {
            EVENT_ROLES.put(event, switch (event) {
                case FORWARD, ARRIVE_AT_WINDOW, NOTIFY, COLLECT, RETURN_AND_CANCEL -> EnumSet.of(StaffRole.WINDOW_CLERK);
                case RECEIVE, AWAIT_PAYMENT, PAYMENT_SETTLED, WITHDRAW -> EnumSet.of(StaffRole.CA_CLERK);
                case START_REVIEW, RETURN_FOR_MERGE, RECORDS_MERGED, ASK_PHONE_CONFIRMATION, APPROVE, REJECT ->
                        EnumSet.of(StaffRole.CA_REVIEWER);
                case CONFIRM_BY_PHONE, DECLINE_BY_PHONE -> EnumSet.of(StaffRole.CA_REVIEWER, StaffRole.CA_SERVICE);
                case START_PRODUCTION, COMPLETE_PRODUCTION, HAND_OVER, SHIP, CONFIRM_DELIVERY ->
                        EnumSet.of(StaffRole.CA_OPERATOR);
                // Applied by the lifecycle services themselves, never through the application API.
                case APPROVE_ONLINE, DECLINE_ONLINE, DELIVER_ONLINE -> EnumSet.noneOf(StaffRole.class);
            });
        }
    }

    /** The staff roles that check the papers in (R-MAT): the window's clerk, the CA's clerk and the reviewer. */
    static final Set<StaffRole> MATERIAL_ROLES = EnumSet.of(StaffRole.WINDOW_CLERK, StaffRole.CA_CLERK,
            StaffRole.CA_REVIEWER);

    private ApplicationAccess() {
    }

    /**
     * May {@code actor} hand in {@code form}? A window clerk at their own window only (channel WINDOW), a
     * CA clerk at the hall or by mail, an agent for their own employers.
     */
    static void submit(Actor actor, SubmitApplication form) {
        if (actor instanceof Actor.EmployerAgent agent) {
            if (form.uscc() != null && !agent.actsFor(form.uscc().value())) {
                throw ApplicationRefusal.NOT_YOUR_EMPLOYER.refuse("you do not act for the employer with USCC "
                        + form.uscc().value());
            }
            return;
        }
        Actor.Staff staff = (Actor.Staff) actor;
        if (staff.role() == StaffRole.WINDOW_CLERK) {
            if (form.channel() != null && form.channel() != Channel.WINDOW) {
                throw ApplicationRefusal.CHANNEL_NOT_ALLOWED.refuse("a window clerk hands in applications at a window");
            }
            if (form.windowId() != null && staff.isClerkOfOtherWindow(form.windowId())) {
                throw otherWindow(staff);
            }
            return;
        }
        if (staff.role() == StaffRole.CA_CLERK) {
            if (form.channel() == Channel.WINDOW) {
                throw ApplicationRefusal.CHANNEL_NOT_ALLOWED.refuse("window applications are handed in by that window's clerk");
            }
            return;
        }
        throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("applications are handed in by a window clerk, a CA clerk or"
                + " the employer's agent");
    }

    /** May {@code actor} see {@code application}? Other windows: 403; other employers: 404. */
    static void view(Actor actor, Application application) {
        if (actor instanceof Actor.EmployerAgent agent) {
            if (!agent.actsFor(application.form().uscc().value())) {
                throw ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application " + application.id());
            }
        } else if (((Actor.Staff) actor).isClerkOfOtherWindow(application.form().windowId())) {
            throw otherWindow((Actor.Staff) actor);
        }
    }

    /** May {@code actor} apply {@code event} to {@code application}? */
    static void event(Actor actor, Application application, ApplicationEvent event) {
        view(actor, application);
        if (actor instanceof Actor.EmployerAgent) {
            if (event != ApplicationEvent.WITHDRAW) {
                throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("an employer's agent may only withdraw an application");
            }
            return;
        }
        Set<StaffRole> roles = EVENT_ROLES.get(event);
        actor.require(event.name(), roles.toArray(StaffRole[]::new));
    }

    /** May {@code actor} tick {@code application}'s papers as received? */
    static void materials(Actor actor, Application application) {
        view(actor, application);
        actor.require("ticking materials", MATERIAL_ROLES.toArray(StaffRole[]::new));
    }

    /** Staff only; a window clerk only for their own window. */
    static void atWindow(Actor actor, String windowId) {
        if (!(actor instanceof Actor.Staff staff)) {
            throw ApplicationRefusal.STAFF_ONLY.refuse("only staff see the queues");
        }
        if (windowId != null && staff.isClerkOfOtherWindow(windowId)) {
            throw otherWindow(staff);
        }
    }

    private static Refusal otherWindow(Actor.Staff clerk) {
        return ApplicationRefusal.OTHER_WINDOW.refuse("a clerk of window " + clerk.windowId()
                + " may not act on another window's applications");
    }
}
