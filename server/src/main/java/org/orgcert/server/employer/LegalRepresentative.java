package org.orgcert.server.employer;

/**
 * An employer's legal representative (法定代表人), whose name, ID number and mobile number go on the
 * application form (R-MAT-3, R-MAT-5; R-MAT-2 when they apply in person). Holds unmasked personal data:
 * {@link #toString()} masks it, and other capabilities get one only from
 * {@link EmployerDirectory#legalRepresentativeForForms}.
 *
 * @param name     the name as on the ID card
 * @param idNumber the resident ID number
 * @param mobile   the mobile number
 */
public record LegalRepresentative(String name, ResidentId idNumber, MobileNumber mobile) {
    public LegalRepresentative {
        if (name == null || name.isBlank() || idNumber == null || mobile == null) {
            throw new IllegalArgumentException("a legal representative needs a name, an ID number and a mobile number");
        }
    }
}
