package org.orgcert.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The billing API over HTTP: the public fee calculator, who sees what, statements and bad input (R-FEE). */
@ServiceTest
@AutoConfigureRestTestClient
class BillingApiTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;

    @Test
    void anyoneGetsAQuoteWithItsReasons_R_FEE_1_a_R_FEE_3() {
        client.get().uri("/api/v1/quotes?kind=NEW&uscc=" + TestUscc.next().value()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.employerPaysFen").isEqualTo(0).jsonPath("$.bureauPaysFen").isEqualTo(22000)
                .jsonPath("$.lines[0].rule").isEqualTo("R-FEE-1 a");
        Uscc outside = TestUscc.of("91", "530402", "31234567");
        client.get().uri("/api/v1/quotes?kind=NEW&uscc=" + outside.value()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.employerPaysFen").isEqualTo(22000).jsonPath("$.lines[0].rule").isEqualTo("R-FEE-3");
        client.get().uri("/api/v1/quotes?kind=NEW&uscc=91530102MA6K00000X").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.uscc").exists();
        client.get().uri("/api/v1/prices").exchange().expectStatus().isOk();
    }

    @Test
    void anAgentSeesTheirOwnPaymentPageOnlyAndOnlyCustomerServiceRecordsPayments_R_FEE_4() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(uscc, KeyHolders.NAME, mobile);
        UUID application = new KeyHolders(context).produce(uscc).applicationId();
        BrowserSession agent = agents.signIn(mobile);
        client.get().uri("/api/v1/applications/" + application + "/payment").headers(agent::cookies).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.remark").isEqualTo(KeyHolders.NAME);
        String other = EmployerAgents.nextMobile();
        agents.register(TestUscc.next(), "昆明市别家有限公司", other);
        client.get().uri("/api/v1/applications/" + application + "/charges").headers(agents.signIn(other)::cookies)
                .exchange().expectStatus().isNotFound();

        Map<String, Object> payment = Map.of("reference", "API" + UUID.randomUUID().toString().substring(0, 8),
                "method", "BANK_TRANSFER", "payerName", "张三", "amount", 22000, "paidAt", "2026-06-15T02:00:00Z",
                "remark", "x");
        client.post().uri("/api/v1/payments").headers(agent::withCsrf).contentType(MediaType.APPLICATION_JSON)
                .body(payment).exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/payments").headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(payment).exchange().expectStatus().isCreated();
        // The same transfer again counts once; the same reference with another amount is refused.
        client.post().uri("/api/v1/payments").headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(payment).exchange().expectStatus().isOk();
        Map<String, Object> altered = new java.util.HashMap<>(payment);
        altered.put("amount", 22001);
        client.post().uri("/api/v1/payments").headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(altered).exchange().expectStatus().isEqualTo(409);
        Map<String, Object> zero = new java.util.HashMap<>(payment);
        zero.put("reference", "API-ZERO-" + UUID.randomUUID());
        zero.put("amount", 0);
        client.post().uri("/api/v1/payments").headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(zero).exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors.amount").exists();
    }

    @Test
    void aStatementIsImportedAsCsvAndAPriceOverlapIsRefused_R_FEE_4() {
        String reference = "CSV" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "reference,method,payer_name,amount_yuan,paid_at,remark\n" + reference
                + ",WECHAT,王五,160.00,2026-06-15T09:30:00,昆明市某公司 续期\n";
        client.post().uri("/api/v1/payments/import").headers(TestStaff.as(TestStaff.SERVICE))
                .contentType(MediaType.parseMediaType("text/csv")).body(csv).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.recorded").isEqualTo(1);
        client.post().uri("/api/v1/prices").headers(TestStaff.as(TestStaff.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("item", "MEDIUM", "amountFen", 7000, "effectiveFrom", "2023-01-01", "effectiveTo", "2023-06-01"))
                .exchange().expectStatus().isEqualTo(409);
        client.post().uri("/api/v1/prices").headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("item", "MEDIUM", "amountFen", 7000, "effectiveFrom", "2040-01-01"))
                .exchange().expectStatus().isForbidden();
    }
}
