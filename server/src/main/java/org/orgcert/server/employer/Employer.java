package org.orgcert.server.employer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.orgcert.pki.name.Uscc;

/**
 * The employer aggregate: one certificate holder, identified by its USCC, which never changes (R-CERT-5,
 * R-FEE-1 c). Immutable; every change gives a copy with the next {@link #version}, which the repository
 * stores only if the row still has the version it was read with (compare-and-set).
 *
 * @param type          the R-MAT-1 type, or {@code null} while unknown (no suggestion, none claimed)
 * @param typeConfirmed true once staff confirmed {@code type}
 * @param jurisdiction  inside Kunming or not (R-FEE interpretation), possibly overridden by staff
 */
record Employer(UUID id, Uscc uscc, String name, EmployerType type, boolean typeConfirmed, Jurisdiction jurisdiction,
        LegalRepresentative legalRepresentative, List<Contact> contacts, String address, Instant createdAt,
        Instant updatedAt, long version) {

    Employer {
        contacts = List.copyOf(contacts);
    }

    /**
     * A new employer. The type is what the applicant claimed, else what the USCC suggests (R-MAT-1); either
     * way unconfirmed until staff confirm it. The jurisdiction comes from the USCC's division code.
     */
    static Employer register(UUID id, Uscc uscc, String name, Optional<EmployerType> claimedType,
            LegalRepresentative legalRepresentative, List<Contact> contacts, String address, Instant now) {
        EmployerType type = claimedType.or(() -> EmployerType.suggestedFor(uscc)).orElse(null);
        return new Employer(id, uscc, name, type, false, Jurisdiction.of(uscc), legalRepresentative, contacts,
                address, now, now, 1);
    }

    /** The same employer with the given details (each {@code null} argument keeps the current value). */
    Employer withDetails(String newName, String newAddress, LegalRepresentative newLegalRepresentative,
            List<Contact> newContacts, Instant now) {
        return new Employer(id, uscc, newName == null ? name : newName, type, typeConfirmed, jurisdiction,
                newLegalRepresentative == null ? legalRepresentative : newLegalRepresentative,
                newContacts == null ? contacts : newContacts, newAddress == null ? address : newAddress, createdAt,
                now, version + 1);
    }

    /**
     * The same employer with every sign-in number equal to {@code old} (the legal representative's, a
     * contact's) replaced by {@code replacement}; names, ID number and order stay as they are.
     */
    Employer withMobileReplaced(MobileNumber old, MobileNumber replacement, Instant now) {
        LegalRepresentative rep = legalRepresentative.mobile().equals(old)
                ? new LegalRepresentative(legalRepresentative.name(), legalRepresentative.idNumber(), replacement)
                : legalRepresentative;
        List<Contact> replaced = contacts.stream().map(c -> c.mobile().equals(old)
                ? new Contact(c.name(), replacement, c.email()) : c).toList();
        return new Employer(id, uscc, name, type, typeConfirmed, jurisdiction, rep, replaced, address, createdAt,
                now, version + 1);
    }

    /**
     * True when {@code other} has the same sign-in numbers in the same places: the legal representative's, and
     * the contacts' in order (the first contact's also receives the employer's notices).
     */
    boolean sameSignInNumbersAs(Employer other) {
        return legalRepresentative.mobile().equals(other.legalRepresentative.mobile())
                && contacts.stream().map(Contact::mobile).toList()
                        .equals(other.contacts.stream().map(Contact::mobile).toList());
    }

    /**
     * The numbers an agent signs in with for this employer (issue 11 item 5): the legal representative's and
     * every contact's, in that order, each once.
     */
    List<MobileNumber> signInNumbers() {
        return Stream.concat(Stream.of(legalRepresentative.mobile()),
                contacts.stream().map(Contact::mobile)).distinct().toList();
    }

    /** Staff confirmed (or corrected) the type (R-MAT-1). */
    Employer withConfirmedType(EmployerType confirmed, Instant now) {
        return new Employer(id, uscc, name, confirmed, true, jurisdiction, legalRepresentative, contacts, address,
                createdAt, now, version + 1);
    }

    /** Staff overrode the jurisdiction with a reason (R-FEE interpretation). */
    Employer withJurisdiction(Jurisdiction decided, Instant now) {
        return new Employer(id, uscc, name, type, typeConfirmed, decided, legalRepresentative, contacts, address,
                createdAt, now, version + 1);
    }
}
