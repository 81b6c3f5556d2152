package org.orgcert.server.employer;

/**
 * A contact person of an employer (the agent of R-MAT-1/R-MAT-5, or the legal representative themself).
 *
 * @param name   the person's name
 * @param mobile the mobile number (the blind index lets a later sign-in find the employer by it)
 * @param email  an email address, or {@code null}
 */
record Contact(String name, MobileNumber mobile, String email) {
    Contact {
        if (name == null || name.isBlank() || mobile == null) {
            throw new IllegalArgumentException("a contact needs a name and a mobile number");
        }
    }
}
