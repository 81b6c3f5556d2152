package org.orgcert.server.application;

import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.StaffRole;

/**
 * Who may hand in an application: a window clerk at their own window only (channel WINDOW), a CA clerk at the
 * hall or by mail, an employer's agent for their own employers. Every later step is decided by
 * {@link ApplicationDecisions}. Plain code, tested without Spring.
 */
final class ApplicationAccess {

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
        if (!(actor instanceof Actor.Staff staff)) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("applications are handed in by people, not by the service");
        }
        if (staff.role() == StaffRole.WINDOW_CLERK) {
            if (form.channel() != null && form.channel() != Channel.WINDOW) {
                throw ApplicationRefusal.CHANNEL_NOT_ALLOWED.refuse("a window clerk hands in applications at a window");
            }
            if (form.windowId() != null && staff.isClerkOfOtherWindow(form.windowId())) {
                throw ApplicationRefusal.OTHER_WINDOW.refuse("a clerk of window " + staff.windowId()
                        + " hands in applications at that window only");
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
}
