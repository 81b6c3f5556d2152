package org.orgcert.server.domain;

/**
 * The staff roles of the guide's process (issue 3 item 8). Held here, next to {@link Actor}, so that every
 * capability can check them without depending on the account capability that signs people in.
 */
public enum StaffRole {
    /** A county/district window's clerk: bound to one window and seeing only its applications (R-CH-4..7). */
    WINDOW_CLERK,
    /** The CA hall's clerk: takes applications at the hall and by mail, receives windows' batches. */
    CA_CLERK,
    /** Reviews applications against the materials and the insurance records (R-REV). */
    CA_REVIEWER,
    /** Produces keys and certificates, hands them over and ships them (R-CH-2, R-CH-3). */
    CA_OPERATOR,
    /** Customer service: phones employers (R-REV-3). */
    CA_SERVICE,
    /** The bureau's administrator: staff accounts, calendar years, registry imports. */
    BUREAU_ADMIN,
    /** Reads and verifies the audit log. */
    AUDITOR;

    /** The Spring Security authority of this role, e.g. {@code ROLE_CA_CLERK}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
