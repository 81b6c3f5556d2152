package org.orgcert.server.employer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;

/**
 * An employer as other capabilities and the API see it: every ID and mobile number masked. For the
 * unmasked legal representative on a form use {@link EmployerDirectory#legalRepresentativeForForms}.
 *
 * @param type          the R-MAT-1 type, or {@code null} while unknown
 * @param typeConfirmed true once staff confirmed the type
 * @param jurisdiction  inside Kunming or not (R-FEE-1 a), possibly overridden by staff with a reason
 * @param version       the version to send back with a change (optimistic concurrency)
 */
public record EmployerView(UUID id, Uscc uscc, String name, EmployerType type, boolean typeConfirmed,
        Jurisdiction jurisdiction, LegalRepresentativeView legalRepresentative, List<ContactView> contacts,
        String address, Instant createdAt, Instant updatedAt, long version) {

    public EmployerView {
        contacts = List.copyOf(contacts);
    }

    /**
     * The legal representative, masked.
     *
     * @param idNumber masked like {@code 110105********002X}
     * @param mobile   masked like {@code 138****5678}
     */
    public record LegalRepresentativeView(String name, String idNumber, String mobile) {
    }

    /**
     * A contact person, masked.
     *
     * @param mobile masked like {@code 138****5678}
     * @param email  the email address, or {@code null}
     */
    public record ContactView(String name, String mobile, String email) {
    }

    static EmployerView of(Employer employer) {
        LegalRepresentative rep = employer.legalRepresentative();
        return new EmployerView(employer.id(), employer.uscc(), employer.name(), employer.type(),
                employer.typeConfirmed(), employer.jurisdiction(),
                new LegalRepresentativeView(rep.name(), rep.idNumber().masked(), rep.mobile().masked()),
                employer.contacts().stream()
                        .map(c -> new ContactView(c.name(), c.mobile().masked(), c.email())).toList(),
                employer.address(), employer.createdAt(), employer.updatedAt(), employer.version());
    }
}
