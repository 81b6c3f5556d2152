package org.orgcert.server.employer;

import java.time.Clock;
import java.util.List;
import org.orgcert.server.calendar.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Registers an employer from Java code, through the same checks and audit as {@code POST /api/v1/employers}:
 * for data loaders such as the demo ({@code ./orgcert serve --demo}).
 */
@Component
public class EmployerRegistration {
    private final EmployerService service;
    private final Clock clock;

    EmployerRegistration(EmployerService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /**
     * An employer's details as typed on the form; numbers are checked (GB 11643, mainland mobile) and
     * encrypted at rest like any other.
     */
    public record Details(String uscc, String name, String address, String legalRepresentative, String idNumber,
            String mobile, String contactName, String contactMobile) {
    }

    /** Registers {@code details}; refuses as the API does (400 with field errors, 409 for a known USCC). */
    public EmployerView register(Details details, String actor) {
        EmployerRequest request = new EmployerRequest(details.uscc(), details.name(), null, details.address(),
                new EmployerRequest.Person(details.legalRepresentative(), details.idNumber(), details.mobile()),
                List.of(new EmployerRequest.ContactPerson(details.contactName(), details.contactMobile(), null)), null);
        return service.create(EmployerForm.forCreate(request, ShanghaiTime.today(clock)), actor);
    }
}
