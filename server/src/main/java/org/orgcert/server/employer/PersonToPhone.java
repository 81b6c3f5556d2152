package org.orgcert.server.employer;

import java.util.Objects;

/**
 * Whom staff phone about an application, and their unmasked mobile number: from
 * {@link EmployerDirectory#personToPhone}, which audits the read.
 *
 * @param name   the person, so that the caller knows whom to ask for
 * @param mobile their mobile number, unmasked on a page ({@link MobileNumber#value()}); masked in a log
 */
public record PersonToPhone(String name, MobileNumber mobile) {
    public PersonToPhone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mobile, "mobile");
    }
}
