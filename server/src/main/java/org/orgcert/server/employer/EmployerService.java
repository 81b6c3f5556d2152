package org.orgcert.server.employer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change to an employer: each in one transaction with its audit record (masked values only), each
 * change of an existing employer a compare-and-set on its version, so a change based on an old read is
 * refused with 409 instead of silently undoing someone else's.
 */
@Service
class EmployerService {
    /** Where customer service changes sign-in numbers (the account capability's use case). */
    static final String SIGN_IN_NUMBER_CHANGES = "/api/v1/employers/{id}/sign-in-number-changes";

    private final EmployerRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate separately;

    EmployerService(EmployerRepository repository, AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Registers an employer. Idempotent by USCC: if one exists (or a concurrent request registers it first)
     * nothing changes and 409 {@code employer-exists} names the existing id.
     */
    @Transactional
    EmployerView create(EmployerForm.NewEmployer in, String actor) {
        Employer employer = Employer.register(UUID.randomUUID(), in.uscc(), in.name(), in.claimedType(),
                in.legalRepresentative(), in.contacts(), in.address(), now());
        if (!repository.insert(employer)) {
            UUID existing = repository.findByUscc(in.uscc()).map(Employer::id).orElseThrow();
            Refusal problem = EmployerRefusal.EMPLOYER_EXISTS.refuse("an employer with USCC " + in.uscc() + " is already registered");
            problem.with("employerId", existing);
            throw problem;
        }
        audit.record(new AuditEntry(actor, "employer.created", "employer", employer.id().toString(),
                describe(employer)));
        return EmployerView.of(employer);
    }

    /**
     * Changes name, address, legal representative and/or contacts; the USCC never (R-CERT-5, R-FEE-1 c), nor a
     * mobile number, which only customer service changes (issue 11 item 5: {@code SignInNumbers}).
     */
    @Transactional
    EmployerView update(UUID id, EmployerForm.Changes changes, String actor) {
        Employer current = load(id);
        if (changes.uscc() != null
                && !changes.uscc().strip().toUpperCase(Locale.ROOT).equals(current.uscc().value())) {
            throw EmployerRefusal.USCC_IMMUTABLE.refuse("an employer's USCC can never change (R-CERT-5); "
                    + "a different USCC is a different employer");
        }
        Employer proposed = current.withDetails(changes.name(), changes.address(), changes.legalRepresentative(),
                changes.contacts(), now());
        if (!proposed.sameSignInNumbersAs(current)) {
            // Issue 11 item 5: these numbers are who may sign in as the employer's agent. Whoever could rewrite
            // them here (every staff role but AUDITOR) could become any employer. The attempt stays on record
            // (its own transaction: this one rolls back) under the action customer service's refusals use too.
            separately.executeWithoutResult(status -> audit.record(new AuditEntry(actor,
                    "employer.sign-in-number-change-refused", "employer", id.toString(),
                    EmployerRefusal.SIGN_IN_NUMBER_NOT_HERE.type() + " (PATCH of the employer)")));
            throw EmployerRefusal.SIGN_IN_NUMBER_NOT_HERE.refuse("mobile numbers are who may sign in for the"
                    + " employer, so only customer service changes them, with a reason and a scan of the paper: POST "
                    + SIGN_IN_NUMBER_CHANGES.replace("{id}", id.toString()) + "; here send them as they are or"
                    + " leave them out (contacts can be neither added nor removed here)")
                    .with("use", SIGN_IN_NUMBER_CHANGES.replace("{id}", id.toString()));
        }
        Employer changed = store(current, changes.version(), proposed);
        audit.record(new AuditEntry(actor, "employer.updated", "employer", id.toString(),
                describeChanges(changes)));
        return EmployerView.of(changed);
    }

    /** Staff confirm (or correct) the R-MAT-1 type. */
    @Transactional
    EmployerView confirmType(UUID id, long version, EmployerType type, String actor) {
        Employer current = load(id);
        Employer changed = store(current, version, current.withConfirmedType(type, now()));
        audit.record(new AuditEntry(actor, "employer.type-confirmed", "employer", id.toString(),
                "type " + type + (type == current.type() ? "" : " (was " + current.type() + ")")));
        return EmployerView.of(changed);
    }

    /** Staff override the jurisdiction with a reason (R-FEE interpretation). */
    @Transactional
    EmployerView overrideJurisdiction(UUID id, long version, Jurisdiction decided, String actor) {
        Employer current = load(id);
        Employer changed = store(current, version, current.withJurisdiction(decided, now()));
        audit.record(new AuditEntry(actor, "employer.jurisdiction-overridden", "employer", id.toString(),
                "inside Kunming " + current.jurisdiction().insideKunming() + " -> " + decided.insideKunming()
                        + "; reason: " + decided.overrideReason()));
        return EmployerView.of(changed);
    }

    private Employer load(UUID id) {
        return repository.find(id).orElseThrow(() -> EmployerRefusal.EMPLOYER_NOT_FOUND.refuse("there is no employer " + id));
    }

    private Employer store(Employer current, long expectedVersion, Employer changed) {
        // Checked before writing as well as by the UPDATE: the first names a stale read, the second a lost race.
        if (current.version() != expectedVersion || !repository.update(changed)) {
            Refusal problem = EmployerRefusal.STALE_VERSION.refuse("the employer was changed since version "
                    + expectedVersion + " was read; read it again and repeat the change");
            problem.with("currentVersion", current.version() == expectedVersion
                    ? repository.find(current.id()).map(Employer::version).orElse(current.version())
                    : current.version());
            throw problem;
        }
        return changed;
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; what is returned should equal what a later read gives.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The audit detail of a new employer: masked personal data only. */
    static String describe(Employer employer) {
        return "USCC " + employer.uscc() + "; name " + employer.name() + "; type "
                + (employer.type() == null ? "unknown" : employer.type() + " (unconfirmed)")
                + "; inside Kunming " + employer.jurisdiction().insideKunming()
                + "; legal representative " + person(employer.legalRepresentative())
                + "; contacts " + contacts(employer.contacts()) + "; address " + employer.address();
    }

    private static String describeChanges(EmployerForm.Changes changes) {
        StringBuilder detail = new StringBuilder();
        if (changes.name() != null) {
            detail.append("name ").append(changes.name()).append("; ");
        }
        if (changes.address() != null) {
            detail.append("address ").append(changes.address()).append("; ");
        }
        if (changes.legalRepresentative() != null) {
            detail.append("legal representative ").append(person(changes.legalRepresentative())).append("; ");
        }
        if (changes.contacts() != null) {
            detail.append("contacts ").append(contacts(changes.contacts())).append("; ");
        }
        return detail.length() == 0 ? "nothing changed" : detail.substring(0, detail.length() - 2);
    }

    private static String person(LegalRepresentative rep) {
        return rep.name() + " " + rep.idNumber().masked() + " " + rep.mobile().masked();
    }

    private static String contacts(List<Contact> contacts) {
        return contacts.stream().map(c -> c.name() + " " + c.mobile().masked()).collect(Collectors.joining(", "));
    }
}
