package org.orgcert.server.portal;

import java.util.Optional;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.directory.ServiceWindow;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.employer.LegalRepresentative;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;

/**
 * The data of an application's printable forms (R-MAT-3..5), for an actor who may see the application
 * ({@link ApplicationService#getFor}: staff by role and window, an agent only their employers'). The legal
 * representative's ID number and mobile come only from {@link EmployerDirectory#legalRepresentativeForForms},
 * which audits the read, and only when the employer is registered under the name the application gives;
 * what the service does not hold (an agent's ID number) stays blank for the employer to write.
 */
@Service
class PrefilledForms {
    private final ApplicationService applications;
    private final EmployerDirectory employers;
    private final Directory directory;

    PrefilledForms(ApplicationService applications, EmployerDirectory employers, Directory directory) {
        this.applications = applications;
        this.employers = employers;
        this.directory = directory;
    }

    /** The application form of application {@code id}. */
    ApplicationFormData applicationForm(UUID id, Actor actor) {
        Application application = applications.get(id, actor);
        SubmitApplication form = application.form();
        Optional<EmployerView> employer = employers.findByUscc(form.uscc());
        Optional<LegalRepresentative> rep = employer
                // Someone else's ID number must never land next to the name on this form.
                .filter(e -> e.legalRepresentative().name().equals(form.legalRepresentative()))
                .flatMap(e -> employers.legalRepresentativeForForms(e.id(), actor.auditName(),
                        "application form (PDF) of application " + application.number()));
        String repId = rep.map(r -> r.idNumber().value()).orElse(null);
        // R-MAT-5: an agent who is the legal representative gives the representative's mobile and ID.
        boolean inPerson = form.legalRepInPerson();
        String agent = inPerson ? form.legalRepresentative() : form.agentName();
        String agentMobile = inPerson ? rep.map(r -> r.mobile().value()).orElse(null) : null;
        String authorisedId = inPerson ? repId : null;
        String window = form.windowId() == null ? null
                : directory.window(form.windowId()).map(ServiceWindow::name).orElse(form.windowId());
        return new ApplicationFormData(application.number(), form.kind(), form.employerName(), form.uscc().value(),
                form.category(), employer.map(EmployerView::address).orElse(null), form.legalRepresentative(), repId,
                agent, agentMobile, agent, authorisedId, form.channel(), form.delivery(), window);
    }

    /** The mailing-address form of application {@code id}; 409 when it is not delivered by mail (R-MAT-4). */
    MailingFormData mailingForm(UUID id, Actor actor) {
        Application application = applications.get(id, actor);
        if (application.form().mailingAddress() == null) {
            throw PortalRefusal.NOT_MAILED.refuse("Application " + application.number() + " is not delivered by"
                    + " mail, so it has no mailing-address form (R-MAT-4).");
        }
        return new MailingFormData(application.number(), application.form().employerName(),
                application.form().mailingAddress());
    }
}
