package org.orgcert.server.employer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The {@link EmployerDirectory} over the employer tables. */
@Service
class StoredEmployerDirectory implements EmployerDirectory {
    private final EmployerRepository repository;
    private final AuditLog audit;

    StoredEmployerDirectory(EmployerRepository repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EmployerView> find(UUID id) {
        return repository.find(id).map(EmployerView::of);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EmployerView> findByUscc(Uscc uscc) {
        return repository.findByUscc(uscc).map(EmployerView::of);
    }

    @Override
    @Transactional(readOnly = true)
    public List<EmployerView> findByMobile(MobileNumber mobile) {
        return repository.idsByMobile(mobile).stream().flatMap(id -> repository.find(id).stream())
                .map(EmployerView::of).toList();
    }

    @Override
    @Transactional
    public Optional<LegalRepresentative> legalRepresentativeForForms(UUID employerId, String actor, String purpose) {
        Optional<LegalRepresentative> found = repository.find(employerId).map(Employer::legalRepresentative);
        found.ifPresent(rep -> audit.record(new AuditEntry(actor, "employer.legal-representative-disclosed",
                "employer", employerId.toString(), "for: " + purpose)));
        return found;
    }

    @Override
    @Transactional
    public Optional<PersonToPhone> personToPhone(UUID employerId, String name, String actor, String purpose) {
        Optional<PersonToPhone> found = repository.find(employerId).map(employer -> {
            LegalRepresentative rep = employer.legalRepresentative();
            if (rep.name().equals(name)) {
                return new PersonToPhone(rep.name(), rep.mobile());
            }
            return employer.contacts().stream().filter(c -> c.name().equals(name)).findFirst()
                    .or(() -> employer.contacts().stream().findFirst())
                    .map(c -> new PersonToPhone(c.name(), c.mobile()))
                    .orElse(new PersonToPhone(rep.name(), rep.mobile()));
        });
        found.ifPresent(person -> audit.record(new AuditEntry(actor, "employer.mobile-disclosed", "employer",
                employerId.toString(), "for: " + purpose)));
        return found;
    }

    @Override
    public Optional<MobileNumber> noticeMobile(Uscc uscc) {
        return repository.findByUscc(uscc).map(employer -> employer.contacts().isEmpty()
                ? employer.legalRepresentative().mobile() : employer.contacts().get(0).mobile());
    }
}
