package org.orgcert.server.employer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.orgcert.pki.name.Uscc;

/**
 * Turns an {@link EmployerRequest} into checked values, or one 400 {@code invalid-input} naming every wrong
 * field ({@code uscc}, {@code legalRepresentative.idNumber}, {@code contacts[1].mobile} …). R-MAT-5: every
 * field of the form is required, except a contact's email.
 */
final class EmployerForm {
    static final int MAX_NAME = 200;
    static final int MAX_ADDRESS = 300;
    static final int MAX_PERSON_NAME = 50;
    static final int MAX_CONTACTS = 5;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private EmployerForm() {
    }

    /** A new employer's checked details. */
    record NewEmployer(Uscc uscc, String name, Optional<EmployerType> claimedType, String address,
            LegalRepresentative legalRepresentative, List<Contact> contacts) {
    }

    /**
     * A change: {@code null} fields stay as they are. {@code uscc} is the raw text, only to refuse a change.
     */
    record Changes(String uscc, String name, String address, LegalRepresentative legalRepresentative,
            List<Contact> contacts, long version) {
    }

    /** Checks a create request; {@code today} (Asia/Shanghai) bounds birth dates. */
    static NewEmployer forCreate(EmployerRequest request, LocalDate today) {
        FieldErrors errors = new FieldErrors();
        Uscc uscc = errors.check("uscc", () -> Uscc.parse(request.uscc()));
        String name = errors.text("name", request.name(), MAX_NAME);
        Optional<EmployerType> type = request.type() == null || request.type().isBlank() ? Optional.empty()
                : Optional.ofNullable(errors.check("type", () -> type(request.type())));
        String address = errors.text("address", request.address(), MAX_ADDRESS);
        LegalRepresentative rep = legalRepresentative(errors, request.legalRepresentative(), today);
        List<Contact> contacts = contacts(errors, request.contacts());
        errors.throwIfAny();
        return new NewEmployer(uscc, name, type, address, rep, contacts);
    }

    /** Checks a change request: only the fields present are checked and changed; the version is required. */
    static Changes forUpdate(EmployerRequest request, LocalDate today) {
        FieldErrors errors = new FieldErrors();
        String name = request.name() == null ? null : errors.text("name", request.name(), MAX_NAME);
        String address = request.address() == null ? null : errors.text("address", request.address(), MAX_ADDRESS);
        LegalRepresentative rep = request.legalRepresentative() == null ? null
                : legalRepresentative(errors, request.legalRepresentative(), today);
        List<Contact> contacts = request.contacts() == null ? null : contacts(errors, request.contacts());
        if (request.type() != null) {
            errors.add("type", "the type is confirmed by staff: PUT /api/v1/employers/{id}/type");
        }
        long version = version(errors, request.version());
        errors.throwIfAny();
        return new Changes(request.uscc(), name, address, rep, contacts, version);
    }

    /** Checks a staff decision on the type. */
    static EmployerType type(EmployerRequest.TypeDecision decision, FieldErrors errors) {
        return errors.check("type", () -> type(decision.type()));
    }

    /** Checks a staff decision on the jurisdiction: a yes/no and a reason. */
    static Jurisdiction jurisdiction(EmployerRequest.JurisdictionDecision decision, FieldErrors errors) {
        if (decision.insideKunming() == null) {
            errors.add("insideKunming", "this field is required: true or false");
        }
        String reason = errors.text("reason", decision.reason(), Jurisdiction.MAX_REASON_LENGTH);
        return decision.insideKunming() == null || reason == null ? null
                : Jurisdiction.byStaff(decision.insideKunming(), reason);
    }

    /** The version a change was based on; required. */
    static long version(FieldErrors errors, Long version) {
        if (version == null) {
            errors.add("version", "send the version you last read, so a change made meanwhile is not overwritten");
            return -1;
        }
        return version;
    }

    private static EmployerType type(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("this field is required");
        }
        try {
            return EmployerType.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("one of " + Arrays.toString(EmployerType.values()));
        }
    }

    private static LegalRepresentative legalRepresentative(FieldErrors errors, EmployerRequest.Person person,
            LocalDate today) {
        if (person == null) {
            errors.add("legalRepresentative", "this field is required");
            return null;
        }
        String name = errors.text("legalRepresentative.name", person.name(), MAX_PERSON_NAME);
        ResidentId id = errors.check("legalRepresentative.idNumber", () -> ResidentId.parse(person.idNumber(), today));
        MobileNumber mobile = errors.check("legalRepresentative.mobile", () -> MobileNumber.parse(person.mobile()));
        return name == null || id == null || mobile == null ? null : new LegalRepresentative(name, id, mobile);
    }

    private static List<Contact> contacts(FieldErrors errors, List<EmployerRequest.ContactPerson> people) {
        if (people == null || people.isEmpty() || people.size() > MAX_CONTACTS) {
            errors.add("contacts", "between 1 and " + MAX_CONTACTS + " contact people");
            return null;
        }
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            String prefix = "contacts[" + i + "].";
            EmployerRequest.ContactPerson person = people.get(i);
            if (person == null) {
                errors.add("contacts[" + i + "]", "this field is required");
                continue;
            }
            String name = errors.text(prefix + "name", person.name(), MAX_PERSON_NAME);
            MobileNumber mobile = errors.check(prefix + "mobile", () -> MobileNumber.parse(person.mobile()));
            String email = person.email() == null || person.email().isBlank() ? null : person.email().strip();
            if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
                errors.add(prefix + "email", "not an email address");
            }
            if (name != null && mobile != null) {
                contacts.add(new Contact(name, mobile, email));
            }
        }
        return contacts;
    }
}
