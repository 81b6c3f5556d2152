package org.orgcert.examples.kmzhjy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.ProductionStep;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.review.BundledInsuranceRegistry;
import org.orgcert.server.review.ReviewService;

/**
 * Employers' USB keys made through the service's own layer, as at the CA hall (the server's {@code KeyHolders},
 * reduced): an application received, reviewed against the insurance record, approved and produced onto a software
 * token in the service's data folder, with its initial PIN.
 */
final class EmployerKeys {
    private static final Actor CA_CLERK = new Actor.Staff("t-ca-clerk", StaffRole.CA_CLERK, null);
    private static final Actor REVIEWER = new Actor.Staff("t-reviewer", StaffRole.CA_REVIEWER, null);
    private static final Actor OPERATOR = new Actor.Staff("t-operator", StaffRole.CA_OPERATOR, null);
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000_000));

    private final OrgCertService service;

    EmployerKeys(OrgCertService service) {
        this.service = service;
    }

    /** A produced key: its certificate, the token file the assistant serves, the device key file, the PIN. */
    record Key(CertificateRecord certificate, Path tokenFile, Path deviceKey, char[] pin) {
        String uscc() {
            return certificate.uscc().value();
        }
    }

    /** A new employer named {@code name} with a key of its own. */
    Key produce(String name) {
        Uscc uscc = Uscc.complete("91", "530102", String.format("%08d", NEXT.incrementAndGet() % 100_000_000));
        service.bean(BundledInsuranceRegistry.class).importCsv(new StringReader(
                "record_id,uscc,name,legal_representative,insuring_division\n"
                        + "L-" + uscc + "," + uscc + "," + name + ",张三,530102\n"), "staff:t-operator");
        ApplicationService applications = service.bean(ApplicationService.class);
        Application application = applications.submit(new SubmitApplication(ApplicationKind.NEW, name, uscc,
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", true, "张三", Channel.CA_HALL,
                Delivery.ON_THE_SPOT, null, null), null, CA_CLERK);
        UUID id = application.id();
        applications.apply(id, ApplicationEvent.RECEIVE, CA_CLERK, null);
        applications.apply(id, ApplicationEvent.START_REVIEW, REVIEWER, null);
        applications.tick(id, application.requiredMaterials(), REVIEWER);
        service.bean(ReviewService.class).check(id, REVIEWER);
        if (applications.apply(id, ApplicationEvent.APPROVE, REVIEWER, null).state() != ApplicationState.APPROVED) {
            throw new IllegalStateException("a first certificate should be free (R-FEE-1)");
        }
        ProductionStep.Produced produced = service.bean(ProductionStep.class).produce(id, OPERATOR);
        return new Key(produced.result().certificate(),
                service.dataDir().resolve("tokens").resolve(produced.result().tokenSerial() + ".token"),
                service.dataDir().resolve("keys").resolve("token-device.key"),
                produced.result().initialPin().orElseThrow().reveal());
    }
}
