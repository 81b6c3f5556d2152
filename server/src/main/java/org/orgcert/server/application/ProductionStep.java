package org.orgcert.server.application;

import java.util.UUID;
import org.orgcert.server.issuance.ProductionOrder;
import org.orgcert.server.issuance.ProductionResult;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Component;

/**
 * Takes an approved application through production (R-CH-2, R-CERT-2): START_PRODUCTION, then the USB
 * key personalised and its certificate recorded, signed and loaded by {@link ProductionService}, then
 * COMPLETE_PRODUCTION with the certificate's serial.
 *
 * <p>Deliberately not one transaction: the certificate is committed before it is signed (record before
 * sign), so each step commits on its own, and the whole is safe to repeat: a retry after any failure
 * finds the application IN_PRODUCTION and the production service returns (or finishes) the one
 * certificate of the application.
 */
@Component
public class ProductionStep {
    private final ApplicationService applications;
    private final ProductionService production;

    ProductionStep(ApplicationService applications, ProductionService production) {
        this.applications = applications;
        this.production = production;
    }

    /**
     * The outcome: the application, now PRODUCED, and the production result, whose initial PIN is present
     * only on the call that set it (for the delivery slip; never stored or logged).
     */
    public record Produced(Application application, ProductionResult result) {
    }

    /** Produces the USB key of application {@code id}; see the class comment for retries. */
    public Produced produce(UUID id, String actor) {
        Application application = applications.get(id);
        if (!application.form().kind().producesToken()) {
            throw ApplicationRefusal.NO_TOKEN.refuse(application.form().kind() + " applications produce no USB key");
        }
        if (application.state() == ApplicationState.APPROVED) {
            application = applications.apply(id, ApplicationEvent.START_PRODUCTION, actor, null);
        }
        if (application.state() != ApplicationState.IN_PRODUCTION) {
            throw ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse("an application that is " + application.state()
                    + " cannot be produced (it must be APPROVED or IN_PRODUCTION)");
        }
        ProductionResult result = production.produce(new ProductionOrder(id, application.form().employerName(),
                application.form().uscc(), null, actor));
        Application produced = applications.completeProduction(id, result.certificate().serialHex(), actor);
        return new Produced(produced, result);
    }
}
