package org.orgcert.server.billing;

import org.orgcert.server.TestActors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.certificate.CertificateRevocation;
import org.orgcert.server.lifecycle.InformationChanges;
import org.orgcert.server.lifecycle.Renewals;
import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Charges, payments, invoices and the bureau's report through the service (R-FEE-1..4, R-REN-3). */
@ServiceTest
@AutoConfigureRestTestClient
class BillingFlowTest extends ServiceTestBase {
    private static final String ACTOR = "staff:t-service";
    @Autowired
    ApplicationContext context;
    @Autowired
    ApplicationService applications;
    @Autowired
    Payments payments;
    @Autowired
    FeeQuotes quotes;
    @Autowired
    PriceList prices;
    @Autowired
    InvoiceRequests invoices;
    @Autowired
    SubsidyReport report;
    @Autowired
    CertificateRevocation revocation;
    @Autowired
    InformationChanges changes;
    @Autowired
    Renewals renewals;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RestTestClient client;
    KeyHolders holders;

    @BeforeEach
    void holders() {
        holders = new KeyHolders(context);
    }

    private Application approved(Uscc uscc, String name, ApplicationKind kind) {
        return holders.approved(uscc, name, kind);
    }

    private Payments.Recorded pay(String reference, long fen, String remark) {
        return payments.record(new PaymentInput(reference, Payment.Method.WECHAT, "李四", new Fen(fen), clock.instant(),
                remark), ACTOR);
    }

    private static String reference() {
        return "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Test
    void theFirstCertificateInKunmingIsFreeAndBookedToTheBureau_R_FEE_1_a() {
        Application application = approved(TestUscc.next(), "昆明市首证测试有限公司", ApplicationKind.NEW);
        assertThat(application.state()).isEqualTo(ApplicationState.APPROVED);
        assertThat(quotes.booked(application.id())).extracting(Charge::item, Charge::payer, Charge::amount, Charge::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(PriceItem.MEDIUM, Payer.BUREAU, new Fen(6000), "R-FEE-1 a"),
                        org.assertj.core.groups.Tuple.tuple(PriceItem.SERVICE_YEAR, Payer.BUREAU, new Fen(16000), "R-FEE-1 a"));
    }

    @Test
    void outsideKunmingTheFirstCertificateIsPaidAndWaitsForTheTransfer_R_FEE_3_R_FEE_4() {
        Uscc outside = TestUscc.of("91", "530402", String.format("%08d", new Random().nextInt(90_000_000) + 1));
        Application application = approved(outside, "玉溪市外地测试有限公司", ApplicationKind.NEW);
        assertThat(application.state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        assertThat(payments.outstanding(application.id())).isEqualTo(new Fen(22000));
        // Under-payment: matched by the remark, but the rest is still owed.
        assertThat(pay(reference(), 20000, "玉溪市外地测试有限公司 证书费").payment().matched()).isFalse(); // amount does not fit
        Payment part = payments.unmatched().stream().filter(p -> p.amount().equals(new Fen(20000))
                && p.remark().contains("玉溪市外地")).findFirst().orElseThrow();
        payments.match(part.id(), application.id(), ACTOR);
        assertThat(payments.outstanding(application.id())).isEqualTo(new Fen(2000));
        assertThat(applications.get(application.id()).state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        // Over-payment: settles, and only the excess can be paid back.
        Payment more = pay(reference(), 5000, "补款").payment();
        payments.match(more.id(), application.id(), ACTOR);
        assertThat(applications.get(application.id()).state()).isEqualTo(ApplicationState.APPROVED);
        assertThat(payments.outstanding(application.id())).isEqualTo(new Fen(-3000));
        assertThatThrownBy(() -> payments.refund(more.id(), new Fen(3001), "多付", ACTOR)).isInstanceOf(Refusal.class);
        payments.refund(more.id(), new Fen(3000), "多付退回", ACTOR);
        assertThat(payments.outstanding(application.id())).isEqualTo(Fen.ZERO);
    }

    @Test
    void aSecondCertificateWhileTheFirstIsValidIsPaidAndMatchedByItsRemark_R_FEE_2_R_FEE_4() {
        Uscc uscc = TestUscc.next();
        holders.produce(uscc);
        // A name no other waiting application has: the remark must name exactly one employer.
        String name = "昆明市增办" + uscc.value().substring(8, 16) + "有限公司";
        Application second = approved(uscc, name, ApplicationKind.ADDITIONAL);
        assertThat(second.state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        String reference = reference();
        Payments.Recorded paid = pay(reference, 22000, "转账 " + name);
        assertThat(paid.payment().applicationId()).isEqualTo(second.id());
        assertThat(applications.get(second.id()).state()).isEqualTo(ApplicationState.APPROVED);
        // The same transfer imported again from the statement counts once.
        assertThat(pay(reference, 22000, "转账 " + name).duplicate()).isTrue();
        assertThat(payments.forApplication(second.id())).hasSize(1);
    }

    @Test
    void reApplyingAfterTheFirstWasReturnedUncollectedIsPaid_R_CH_7_R_FEE_2() {
        Uscc uscc = TestUscc.next();
        KeyHolders.Holder first = holders.produce(uscc);
        revocation.revoke(first.certificate().serial(), RevocationReason.CESSATION_OF_OPERATION, "system:pickup");
        Application again = approved(uscc, KeyHolders.NAME, ApplicationKind.NEW);
        assertThat(quotes.booked(again.id())).allSatisfy(c -> {
            assertThat(c.payer()).isEqualTo(Payer.EMPLOYER);
            assertThat(c.rule()).isEqualTo("R-FEE-2");
        });
        assertThat(payments.outstanding(again.id())).isEqualTo(new Fen(22000));
    }

    @Test
    void theFirstCertificatesRenewalAfterAnInformationChangeIsStillFree_R_FEE_1_b_R_FEE_1_c() {
        KeyHolders.Holder holder = holders.produce(TestUscc.next());
        InformationChanges.Changed changed = changes.change(holder.certificate().serial(),
                new InformationChanges.Change(null, "昆明市改名续期有限公司", null, null), ACTOR);
        assertThat(quotes.booked(changed.applicationId())).singleElement().satisfies(c -> {
            assertThat(c.payer()).isEqualTo(Payer.BUREAU);
            assertThat(c.rule()).isEqualTo("R-FEE-1 c");
        });
        assertThat(changed.certificate().firstOfEmployer()).isTrue();
        // The renewal of the renamed certificate is the first certificate's renewal: free.
        setTime(changed.certificate().notAfter().minus(java.time.Duration.ofDays(20)));
        Renewals.Challenge challenge = renewals.challenge(changed.certificate().serial(), ACTOR);
        Renewals.Renewed renewed = renewals.renew(changed.certificate().serial(), challenge.nonce(),
                holder.token().sign(holder.pin(), challenge.toBeSigned()), ACTOR);
        assertThat(renewed.payable()).isEqualTo(Fen.ZERO);
        assertThat(renewed.charges()).singleElement().satisfies(c -> assertThat(c.rule()).isEqualTo("R-FEE-1 b"));
    }

    @Test
    void aNewPriceAppliesFromItsDayAndRepricesNothingCharged_overlapsRefused() {
        Application before = approved(TestUscc.next(), "昆明市调价前有限公司", ApplicationKind.NEW);
        LocalDate tomorrow = LocalDate.of(2026, 6, 16);
        // A period overlapping the current price's history is refused; nothing is added.
        assertThatThrownBy(() -> prices.add(PriceItem.UNLOCK, new Fen(2500), LocalDate.of(2023, 1, 1),
                LocalDate.of(2024, 1, 1), ACTOR)).isInstanceOfSatisfying(Refusal.class,
                        p -> assertThat(p.type()).isEqualTo("overlapping-price"));
        assertThatThrownBy(() -> prices.add(PriceItem.UNLOCK, new Fen(-1), tomorrow, null, ACTOR))
                .isInstanceOf(Refusal.class);
        Price raised = prices.add(PriceItem.UNLOCK, new Fen(2500), LocalDate.of(2031, 1, 1), null, ACTOR);
        try {
            assertThat(prices.on(PriceItem.UNLOCK, LocalDate.of(2030, 12, 31)).amount()).isEqualTo(Fen.ZERO);
            assertThat(prices.on(PriceItem.UNLOCK, LocalDate.of(2031, 1, 1))).isEqualTo(raised);
            assertThat(quotes.booked(before.id())).extracting(Charge::amount)
                    .containsExactlyInAnyOrder(new Fen(6000), new Fen(16000));
        } finally {
            // The shared database keeps today's price list for other tests.
            jdbc.update("DELETE FROM price WHERE id = ?", raised.id());
            jdbc.update("UPDATE price SET effective_to = NULL WHERE item = 'UNLOCK' AND effective_to = ?",
                    java.sql.Date.valueOf(LocalDate.of(2031, 1, 1)));
        }
    }

    @Test
    void badPaymentsAndAPaymentForAWithdrawnApplicationChangeNothing_R_FEE_4() {
        assertThatThrownBy(() -> pay(reference(), 0, "x")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> pay(reference(), -100, "x")).isInstanceOf(Refusal.class);
        Uscc outside = TestUscc.of("91", "530402", String.format("%08d", new Random().nextInt(90_000_000) + 1));
        Application application = approved(outside, "玉溪市撤回测试有限公司", ApplicationKind.NEW);
        applications.apply(application.id(), ApplicationEvent.WITHDRAW, TestActors.CA_CLERK, "employer withdrew");
        Payment late = pay(reference(), 22000, "someone").payment();
        assertThatThrownBy(() -> payments.match(late.id(), application.id(), ACTOR))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("application-ended"));
        assertThat(payments.forApplication(application.id())).isEmpty();
        // A statement with one bad line imports nothing.
        long before = jdbc.queryForObject("SELECT count(*) FROM payment", Long.class);
        String statement = "reference,method,payer_name,amount_yuan,paid_at,remark\n"
                + reference() + ",BANK_TRANSFER,张三,220.00,2026-06-15T10:00:00,昆明某公司\n"
                + reference() + ",BANK_TRANSFER,张三,-5,2026-06-15T10:00:00,昆明某公司\n";
        assertThatThrownBy(() -> payments.importCsv(new StringReader(statement), ACTOR)).isInstanceOf(Refusal.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment", Long.class)).isEqualTo(before);
        String good = "reference,method,payer_name,amount_yuan,paid_at,remark\n"
                + reference() + ",BANK_TRANSFER,张三,220.00,2026-06-15T10:00:00,昆明某公司\n";
        assertThat(payments.importCsv(new StringReader(good), ACTOR)).isEqualTo(new Payments.Imported(1, 0, 0));
        assertThat(payments.importCsv(new StringReader(good), ACTOR)).isEqualTo(new Payments.Imported(0, 1, 0));
    }

    @Test
    void invoicesAreForTheEmployersUsccAndAtMostWhatWasPaid_andThePaymentPageCarriesTheirQr_R_FEE_4() throws Exception {
        Uscc outside = TestUscc.of("91", "530402", String.format("%08d", new Random().nextInt(90_000_000) + 1));
        Application application = approved(outside, "玉溪市开票测试有限公司", ApplicationKind.NEW);
        pay(reference(), 22000, "玉溪市开票测试有限公司");
        assertThatThrownBy(() -> invoices.request(application, "玉溪市开票测试有限公司", TestUscc.next().value(),
                new Fen(22000), "cw@example.cn", ACTOR)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> invoices.request(application, "玉溪市开票测试有限公司", outside.value(),
                new Fen(22001), "cw@example.cn", ACTOR)).isInstanceOf(Refusal.class);
        InvoiceRequest requested = invoices.request(application, "玉溪市开票测试有限公司", outside.value(), new Fen(22000),
                "cw@example.cn", ACTOR);
        assertThat(requested.state()).isEqualTo(InvoiceRequest.State.REQUESTED);
        assertThat(invoices.open()).extracting(InvoiceRequest::id).contains(requested.id());
        invoices.issued(requested.id(), "044001900111-12345678",
                new org.orgcert.server.domain.Actor.Staff("t-service", org.orgcert.server.domain.StaffRole.CA_SERVICE, null));
        assertThat(invoices.list(application.id())).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(InvoiceRequest.State.ISSUED));

        Map<?, ?> page = client.get().uri("/api/v1/applications/" + application.id() + "/payment")
                .headers(TestStaff.as(TestStaff.SERVICE)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(page.get("accountNumber")).isEqualTo("1372 3822 1643");
        assertThat(page.get("remark")).isEqualTo("玉溪市开票测试有限公司");
        byte[] png = client.get().uri("/api/v1/applications/" + application.id() + "/payment/invoice-qr.png")
                .headers(TestStaff.as(TestStaff.SERVICE)).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG).returnResult(byte[].class).getResponseBody();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        assertThat(decoded).isEqualTo(page.get("invoiceRequestUrl")).contains(application.id().toString());
    }

    /** Property: in any month, the bureau's ledger plus what employers paid equals the price list's charges. */
    @Test
    void theBureausLedgerPlusEmployersPaymentsEqualTheCharges_R_FEE_1_R_FEE_2() {
        Random random = new Random(7);
        long listed = 0;
        long bureau = 0;
        long employers = 0;
        for (int i = 0; i < 12; i++) {
            boolean inside = random.nextBoolean();
            Uscc uscc = TestUscc.of("91", inside ? "530102" : "530402", String.format("%08d",
                    random.nextInt(90_000_000) + 1));
            Application application = approved(uscc, "昆明市性质测试" + i + "有限公司", random.nextBoolean()
                    ? ApplicationKind.NEW : ApplicationKind.ADDITIONAL);
            Fen owed = payments.outstanding(application.id());
            if (owed.isPositive()) {
                pay(reference(), owed.value(), "昆明市性质测试" + i + "有限公司");
                employers += owed.value();
            }
            for (Charge charge : quotes.booked(application.id())) {
                listed += prices.on(charge.item(), LocalDate.of(2026, 6, 15)).amount().value();
                bureau += charge.payer() == Payer.BUREAU ? charge.amount().value() : 0;
            }
            assertThat(applications.get(application.id()).state()).isEqualTo(ApplicationState.APPROVED);
        }
        assertThat(bureau + employers).isEqualTo(listed);
    }

    @Test
    void theMonthlyReportCountsAndSumsWhatTheBureauPaysPerDistrictAndKind_downloadableAsCsv() {
        SubsidyReport.Month before = report.month(YearMonth.of(2026, 6));
        approved(TestUscc.next(), "昆明市报表测试有限公司", ApplicationKind.NEW);
        SubsidyReport.Month after = report.month(YearMonth.of(2026, 6));
        assertThat(after.count()).isEqualTo(before.count() + 2);
        assertThat(after.total()).isEqualTo(before.total().plus(new Fen(22000)));
        assertThat(after.lines()).anySatisfy(line -> {
            assertThat(line.district()).isEqualTo("530102");
            assertThat(line.window()).isEqualTo("CA_HALL");
            assertThat(line.kind()).isEqualTo("MEDIUM");
        });
        String csv = client.get().uri("/api/v1/billing/subsidy-report?month=2026-06&format=csv")
                .headers(TestStaff.as(TestStaff.ADMIN)).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(csv).contains("month,district,window,kind,count,amount_yuan").contains("2026-06,530102,CA_HALL,MEDIUM,")
                .contains("2026-06,TOTAL,,," + after.count() + "," + after.total());
        client.get().uri("/api/v1/billing/subsidy-report?month=2026-06").headers(TestStaff.as(TestStaff.OPERATOR))
                .exchange().expectStatus().isForbidden();
    }
}
