package org.orgcert.server.domain;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: a signed-in staff member, an employer agent, or the service itself (a scheduled job, or a
 * capability applying a step that follows from its own decision, such as a matched payment settling an
 * application). Controllers declare a parameter of this type
 * (resolved from the authenticated session or HTTP Basic credentials by the account capability) instead of
 * reading any header, and pass {@link #auditName()} to the audit log.
 *
 * <p>Serializable: it travels inside the security context stored in the database session.
 */
public sealed interface Actor extends Serializable permits Actor.Staff, Actor.EmployerAgent, Actor.System {

    /** How audit records name this actor: {@code staff:<username>} or {@code employer-agent:<masked mobile>}. */
    String auditName();

    /** True for a staff member holding one of {@code roles}. */
    default boolean hasRole(StaffRole... roles) {
        return false;
    }

    /**
     * Refuses (403 {@code role-not-allowed}) unless this is a staff member with one of {@code roles}.
     *
     * @param what the action, for the message, e.g. {@code "RECEIVE"}
     */
    default void require(String what, StaffRole... roles) {
        if (!hasRole(roles)) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse(what + " needs one of the roles " + Arrays.toString(roles));
        }
    }

    /**
     * A staff member.
     *
     * @param username the account's user name
     * @param role     the one role of the account
     * @param windowId for {@link StaffRole#WINDOW_CLERK} the window the clerk works at, otherwise null
     */
    record Staff(String username, StaffRole role, String windowId) implements Actor {
        @Override
        public String auditName() {
            return "staff:" + username;
        }

        @Override
        public boolean hasRole(StaffRole... roles) {
            return Arrays.asList(roles).contains(role);
        }

        /** True for a window clerk of a window other than {@code window} (null window: any other). */
        public boolean isClerkOfOtherWindow(String window) {
            return role == StaffRole.WINDOW_CLERK && !windowId.equals(window);
        }
    }

    /**
     * An employer's agent signed in with a one-time code to their mobile number, acting for the employers
     * whose legal representative or contact has that number.
     *
     * @param maskedMobile like {@code 138****5678}; the full number is not kept in the session
     * @param employerIds  the employers they may act for
     * @param usccs        those employers' USCCs (which never change, R-CERT-5)
     */
    record EmployerAgent(String maskedMobile, Set<UUID> employerIds, Set<String> usccs) implements Actor {
        public EmployerAgent {
            employerIds = Set.copyOf(employerIds);
            usccs = Set.copyOf(usccs);
        }

        @Override
        public String auditName() {
            return "employer-agent:" + maskedMobile;
        }

        /** True when the agent acts for the employer with this USCC. */
        public boolean actsFor(String uscc) {
            return usccs.contains(uscc);
        }
    }

    /**
     * The service itself: a scheduled job, or one capability moving an application as the consequence of its
     * own decision (a matched payment, a renewal signed). No person can be this actor: nothing resolves it from
     * a request.
     *
     * @param name how the audit log names it, e.g. {@code system:pickup-deadlines}, or the staff member or agent
     *             on whose request the capability acts, e.g. {@code staff:service1}
     */
    record System(String name) implements Actor {
        public System {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a system actor needs a name for the audit log");
            }
        }

        @Override
        public String auditName() {
            return name;
        }
    }

    /** A scheduled job of the service, audited as {@code system:<job>}. */
    static Actor system(String job) {
        return new System("system:" + job);
    }

    /**
     * The service acting on a request another capability has already decided, audited under the requester's
     * name (e.g. a renewal the employer's assistant asked for, approved by the renewal's own rules).
     */
    static Actor onBehalfOf(String auditName) {
        return new System(auditName);
    }
}
