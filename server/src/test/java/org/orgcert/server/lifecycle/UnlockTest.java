package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.token.TokenException;
import org.orgcert.token.TokenState;
import org.orgcert.token.UnblockAuthority;
import org.orgcert.token.UnblockResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Unlocking a key locked by wrong PINs (R-FEE-1 d: free; R-CERT-2): the agent asks, the policy or staff decide. */
@ServiceTest
@AutoConfigureRestTestClient
class UnlockTest extends ServiceTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final char[] NEW_PIN = "Dianchi2027".toCharArray();
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationService applications;
    @Autowired
    AuditLog audit;

    private KeyHolders.Holder lockedKey(Uscc uscc) {
        KeyHolders.Holder holder = new KeyHolders(context).produce(uscc);
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> holder.token().sign("wrong-pin-1".toCharArray(), new byte[] {1}))
                    .isInstanceOf(TokenException.class);
        }
        assertThat(holder.token().info().state()).isEqualTo(TokenState.LOCKED);
        return holder;
    }

    private RestTestClient.ResponseSpec request(BrowserSession agent, String tokenSerial, String challenge) {
        return client.post().uri("/api/v1/unlock-requests").headers(agent::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("tokenSerial", tokenSerial, "challenge", challenge))
                .exchange();
    }

    @Test
    void theAgentGetsTheResponseAndTheKeyTakesANewPin_R_FEE_1_d() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = lockedKey(uscc);
        String serial = holder.token().info().serial();
        BrowserSession agent = agents.signIn(mobile);

        Map<String, Object> answered = request(agent, serial, holder.token().unblockChallenge().text())
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(answered).containsEntry("state", "APPROVED").containsKey("response");
        holder.token().unblock(UnblockResponse.parse((String) answered.get("response")), NEW_PIN);
        assertThat(holder.token().sign(NEW_PIN, new byte[] {1})).isNotEmpty();
        var application = applications.get(UUID.fromString((String) answered.get("applicationId")));
        assertThat(application.state()).isEqualTo(ApplicationState.DELIVERED);
        assertThat(application.form().kind().name()).isEqualTo("UNLOCK");
        // The response is a one-time code: not in the audit log.
        assertThat(audit.history("token", serial)).extracting(r -> r.entry().detail())
                .noneMatch(detail -> detail.contains((String) answered.get("response")));
        // Polling shows the same; another agent sees nothing.
        client.get().uri("/api/v1/unlock-requests/" + answered.get("id")).headers(agent::cookies).exchange()
                .expectStatus().isOk();
        String other = EmployerAgents.nextMobile();
        agents.register(TestUscc.next(), "昆明市别家有限公司", other);
        client.get().uri("/api/v1/unlock-requests/" + answered.get("id")).headers(agents.signIn(other)::cookies)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void anotherEmployersKeyABadChallengeAndTooManyRequestsAreRefused_R_FEE_1_d() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder own = lockedKey(uscc);
        KeyHolders.Holder foreign = lockedKey(TestUscc.next());
        BrowserSession agent = agents.signIn(mobile);

        request(agent, foreign.token().info().serial(), foreign.token().unblockChallenge().text())
                .expectStatus().isNotFound();
        request(agent, own.token().info().serial(), "NOT-A-CHALLENGE").expectStatus().isBadRequest();
        String challenge = own.token().unblockChallenge().text();
        for (int i = 0; i < 3; i++) {
            request(agent, own.token().info().serial(), challenge).expectStatus().isCreated();
        }
        request(agent, own.token().info().serial(), challenge).expectStatus().isEqualTo(429);
        assertThat(audit.history("token", own.token().info().serial())).extracting(r -> r.entry().action())
                .contains("unlock.request.refused");
    }

    /** With the automatic policy off, customer service decides; a rejection needs a reason. */
    @Test
    void customerServiceApprovesOrRejectsWhenThePolicyIsOff_R_FEE_1_d() {
        Uscc uscc = TestUscc.next();
        KeyHolders.Holder holder = lockedKey(uscc);
        UnlockRequests manual = new UnlockRequests(context.getBean(CertificateStore.class), applications,
                context.getBean(UnblockAuthority.class), audit, context.getBean(RefusalLog.class),
                context.getBean(JdbcTemplate.class), clock, context.getBean(PlatformTransactionManager.class), false, 3);
        Actor agent = new Actor.EmployerAgent("137****0000", Set.of(UUID.randomUUID()), Set.of(uscc.value()));
        Actor service = new Actor.Staff("t-service", StaffRole.CA_SERVICE, null);
        String serial = holder.token().info().serial();

        UnlockRequest pending = manual.request(serial, holder.token().unblockChallenge().text(), agent);
        assertThat(pending.state()).isEqualTo(UnlockRequest.State.PENDING);
        assertThat(manual.response(pending)).isEmpty();
        assertThat(manual.pending()).extracting(UnlockRequest::id).contains(pending.id());
        assertThatThrownBy(() -> manual.decide(pending.id(), true, null, agent)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> manual.decide(pending.id(), false, " ", service)).isInstanceOf(Refusal.class);
        UnlockRequest approved = manual.decide(pending.id(), true, null, service);
        holder.token().unblock(UnblockResponse.parse(manual.response(approved).orElseThrow()), NEW_PIN);
        assertThat(holder.token().info().state()).isNotEqualTo(TokenState.LOCKED);

        UnlockRequest second = manual.request(serial, holder.token().unblockChallenge().text(), agent);
        UnlockRequest rejected = manual.decide(second.id(), false, "caller could not confirm the employer", service);
        assertThat(rejected.state()).isEqualTo(UnlockRequest.State.REJECTED);
        assertThat(manual.response(rejected)).isEmpty();
        assertThat(applications.get(rejected.applicationId()).state()).isEqualTo(ApplicationState.REJECTED);
        assertThatThrownBy(() -> manual.decide(second.id(), true, null, service)).isInstanceOf(Refusal.class);
    }
}
