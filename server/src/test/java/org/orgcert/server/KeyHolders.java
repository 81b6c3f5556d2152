package org.orgcert.server;

import java.io.StringReader;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.application.ProductionStep;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.billing.Fen;
import org.orgcert.server.billing.Payment;
import org.orgcert.server.billing.PaymentInput;
import org.orgcert.server.billing.Payments;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.issuance.TokenStock;
import org.orgcert.server.review.BundledInsuranceRegistry;
import org.orgcert.server.review.ReviewService;
import org.orgcert.token.Token;
import org.springframework.context.ApplicationContext;

/** Employers holding a produced USB key: an application taken through the service layer, as at the hall. */
public final class KeyHolders {
    public static final String NAME = "昆明市续期测试有限公司";
    private static final String ACTOR = "staff:t-operator";
    private final ApplicationService applications;
    private final ReviewService review;
    private final ProductionStep production;
    private final BundledInsuranceRegistry registry;
    private final TokenStock stock;
    private final Payments payments;
    private final java.time.Clock clock;

    public KeyHolders(ApplicationContext context) {
        this.applications = context.getBean(ApplicationService.class);
        this.review = context.getBean(ReviewService.class);
        this.production = context.getBean(ProductionStep.class);
        this.registry = context.getBean(BundledInsuranceRegistry.class);
        this.stock = context.getBean(TokenStock.class);
        this.payments = context.getBean(Payments.class);
        this.clock = context.getBean(java.time.Clock.class);
    }

    /** An employer's key: its certificate, the opened token and its initial PIN. */
    public record Holder(CertificateRecord certificate, Token token, char[] pin, UUID applicationId) {
    }

    /** A further certificate of {@code uscc}, paid for by transfer before production (R-FEE-2, R-FEE-4). */
    public Holder produceAndPay(Uscc uscc) {
        return produce(uscc, true);
    }

    /**
     * Pays what application {@code id} owes by bank transfer with the employer's name in the remark (R-FEE-4),
     * matched by staff when the remark alone is ambiguous (other tests' employers share the name).
     */
    public void payFor(UUID id, String employerName) {
        Payment payment = payments.record(new PaymentInput("T" + UUID.randomUUID(), Payment.Method.BANK_TRANSFER, "张三",
                payments.outstanding(id), clock.instant(), "证书费 " + employerName), ACTOR).payment();
        if (!payment.matched()) {
            payments.match(payment.id(), id, ACTOR);
        }
    }

    public Holder produce(Uscc uscc) {
        return produce(uscc, false);
    }

    /**
     * An application of {@code kind} for employer {@code uscc} named {@code name}, taken through review to
     * approval at the hall (the insurance record made to match); it may then await payment (R-FEE-4).
     */
    public Application approved(Uscc uscc, String name, ApplicationKind kind) {
        registry.importCsv(new StringReader("record_id,uscc,name,legal_representative,insuring_division\n"
                + "L-" + uscc + "," + uscc + "," + name + ",张三,530102\n"), ACTOR);
        Application application = applications.submit(new SubmitApplication(kind, name, uscc,
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", true, "张三", Channel.CA_HALL,
                Delivery.ON_THE_SPOT, null, null), null, TestActors.CA_CLERK);
        UUID id = application.id();
        applications.apply(id, ApplicationEvent.RECEIVE, TestActors.CA_CLERK, null);
        applications.apply(id, ApplicationEvent.START_REVIEW, TestActors.REVIEWER, null);
        applications.tick(id, application.requiredMaterials(), TestActors.REVIEWER);
        review.check(id, TestActors.REVIEWER);
        return applications.apply(id, ApplicationEvent.APPROVE, TestActors.REVIEWER, null);
    }

    private Holder produce(Uscc uscc, boolean pay) {
        Application approved = approved(uscc, NAME, ApplicationKind.NEW);
        UUID id = approved.id();
        if (pay) {
            payFor(id, NAME);
        } else if (approved.state() != org.orgcert.server.application.ApplicationState.APPROVED) {
            throw new IllegalStateException("not free: " + approved.state());
        }
        ProductionStep.Produced produced = production.produce(id, TestActors.OPERATOR);
        return new Holder(produced.result().certificate(), stock.open(produced.result().tokenSerial()),
                produced.result().initialPin().orElseThrow().reveal(), id);
    }
}
