package org.orgcert.server.application;

import java.util.UUID;
import org.orgcert.server.issuance.ProductionOrder;
import org.orgcert.server.issuance.ProductionResult;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an approved application through production (R-CH-2, R-CERT-2): START_PRODUCTION, then the USB
 * key personalised and its certificate recorded, signed and loaded by {@link ProductionService}, then
 * COMPLETE_PRODUCTION with the certificate's serial.
 *
 * <p>Deliberately not one transaction: the certificate is committed before it is signed (record before
 * sign), so each step commits on its own, and the whole is safe to repeat: a retry after any failure
 * finds the application IN_PRODUCTION and the production service returns (or finishes) the one
 * certificate of the application. The call whose completion commits always shows a PIN the key takes, and
 * no other call shows one (see {@link #complete}).
 */
@Component
public class ProductionStep {
    private final ApplicationService applications;
    private final ProductionService production;
    private final TransactionTemplate transaction;

    ProductionStep(ApplicationService applications, ProductionService production,
            PlatformTransactionManager transactions) {
        this.applications = applications;
        this.production = production;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The outcome: the application, now PRODUCED, and the production result, whose initial PIN is present on
     * the one call that completed the production (for the delivery slip; never stored or logged).
     */
    public record Produced(Application application, ProductionResult result) {

        /**
         * The initial PIN as text for the delivery slip, on the call that set it (null on a repeated call), wiped
         * from the result: the one place a PIN is revealed.
         */
        public String initialPinForSlip() {
            return result.initialPin().map(pin -> {
                char[] chars = pin.reveal();
                String text = new String(chars);
                java.util.Arrays.fill(chars, '\0');
                pin.wipe();
                return text;
            }).orElse(null);
        }
    }

    /** Produces the USB key of application {@code id}; see the class comment for retries. */
    public Produced produce(UUID id, Actor actor) {
        Application application = applications.get(id, actor);
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
        // A retry finds it IN_PRODUCTION: whoever retries must be allowed to complete it before anything is signed.
        if (!applications.eventsFor(application, actor).contains(ApplicationEvent.COMPLETE_PRODUCTION)) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("COMPLETE_PRODUCTION is a step of the CA's operator");
        }
        ProductionResult result = production.produce(new ProductionOrder(id, application.form().employerName(),
                application.form().uscc(), null, actor.auditName()));
        return transaction.execute(status -> complete(id, result, actor));
    }

    /**
     * COMPLETE_PRODUCTION, and the PIN its one slip shows. A PIN is shown only by the call whose completion
     * commits, and only that PIN counts: a call that found the certificate already loaded (an earlier call died
     * after loading it and before completing, review of issue 12 finding 8) gets no PIN from production, and
     * the earlier call's PIN was never seen by anyone. So it sets a new one through the bureau's unblock
     * authority, here, inside the completion's transaction and after the transition locked the application
     * and found it still IN_PRODUCTION: a racing call waits for that lock and is then refused before it changes
     * the key's PIN, and a completion that does not commit shows nothing (its retry sets a PIN again).
     *
     * <p>Why a new PIN rather than "PIN delivered" recorded with the completion: the earlier PIN exists nowhere
     * any more (never stored, by design), so the key would stay without a known PIN; a new PIN through the
     * unblock codes the key was provisioned with is the one way to give the employer a working one.
     */
    private Produced complete(UUID id, ProductionResult result, Actor actor) {
        Application produced = applications.completeProduction(id, result.certificate().serialHex(), actor);
        ProductionResult delivered = result.initialPin().isPresent() ? result
                : production.newInitialPin(id, actor.auditName());
        return new Produced(produced, delivered);
    }
}
