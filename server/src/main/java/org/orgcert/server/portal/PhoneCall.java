package org.orgcert.server.portal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.PersonToPhone;
import org.orgcert.server.domain.Actor;
import org.springframework.stereotype.Component;

/**
 * Whom to phone, on the application page of a staff member whose next step is a call: the window's clerk telling
 * the employer to collect the key (R-CH-5), the reviewer or customer service asking whether the form's data is
 * right (R-REV-3). The number is read, and the read audited, only then; everyone else sees the agent's name.
 */
@Component
class PhoneCall {
    private static final Set<ApplicationEvent> CALLS = EnumSet.of(ApplicationEvent.NOTIFY,
            ApplicationEvent.CONFIRM_BY_PHONE, ApplicationEvent.DECLINE_BY_PHONE);

    private final EmployerDirectory employers;

    PhoneCall(EmployerDirectory employers) {
        this.employers = employers;
    }

    /**
     * The form's agent (or the person notices go to) and their mobile number, when {@code steps} (what
     * {@code actor} may do next) include a call and the employer is registered; else empty.
     */
    Optional<PersonToPhone> whom(Application application, Set<ApplicationEvent> steps, Actor actor) {
        if (Collections.disjoint(steps, CALLS)) {
            return Optional.empty();
        }
        return employers.findByUscc(application.form().uscc()).flatMap(employer -> employers.personToPhone(
                employer.id(), application.form().agentName(), actor.auditName(),
                "phone call about application " + application.number()));
    }
}
