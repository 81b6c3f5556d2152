package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import org.orgcert.server.TestStaff;
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

    /** A secret as the requesting assistant makes one, and its SHA-256 in hex. */
    private static final String SECRET = "assistant-secret-" + UUID.randomUUID();
    private static final String SECRET_HASH = java.util.HexFormat.of().formatHex(UnlockRequests.sha256(SECRET));

    private RestTestClient.ResponseSpec request(BrowserSession agent, String tokenSerial, String challenge) {
        return client.post().uri("/api/v1/unlock-requests").headers(agent::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("tokenSerial", tokenSerial, "challenge", challenge,
                        "responseKeyHash", SECRET_HASH))
                .exchange();
    }

    /** The assistant asks for the response with {@code secret}: no session, no CSRF token. */
    private RestTestClient.ResponseSpec response(Object id, String secret) {
        return client.post().uri("/api/v1/unlock-requests/" + id + "/response").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("secret", secret)).exchange();
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
        assertThat(answered).containsEntry("state", "APPROVED").doesNotContainKey("response");
        // Issue 11 item 6: the response goes to the requesting assistant only, for its secret.
        Map<String, Object> given = response(answered.get("id"), SECRET).expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
        holder.token().unblock(UnblockResponse.parse((String) given.get("response")), NEW_PIN);
        assertThat(holder.token().sign(NEW_PIN, new byte[] {1})).isNotEmpty();
        var application = applications.get(UUID.fromString((String) answered.get("applicationId")));
        assertThat(application.state()).isEqualTo(ApplicationState.DELIVERED);
        assertThat(application.form().kind().name()).isEqualTo("UNLOCK");
        // The response is a one-time code: not in the audit log.
        assertThat(audit.history("token", serial)).extracting(r -> r.entry().detail())
                .noneMatch(detail -> detail.contains((String) given.get("response")));
        assertThat(audit.history("token", serial)).extracting(r -> r.entry().action()).contains("unlock.response-given");
        // Polling shows the state, never the response; another agent sees nothing.
        assertThat(client.get().uri("/api/v1/unlock-requests/" + answered.get("id")).headers(agent::cookies).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody()).doesNotContainKey("response");
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

        UnlockRequest pending = manual.request(serial, holder.token().unblockChallenge().text(), SECRET_HASH, agent);
        assertThat(pending.state()).isEqualTo(UnlockRequest.State.PENDING);
        assertThat(catchThrowableOfType(Refusal.class, () -> manual.response(pending.id(), SECRET)).code())
                .isEqualTo(LifecycleRefusal.UNLOCK_NOT_APPROVED);
        assertThat(manual.pending()).extracting(UnlockRequest::id).contains(pending.id());
        assertThatThrownBy(() -> manual.decide(pending.id(), true, null, agent)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> manual.decide(pending.id(), false, " ", service)).isInstanceOf(Refusal.class);
        UnlockRequest approved = manual.decide(pending.id(), true, null, service);
        holder.token().unblock(UnblockResponse.parse(manual.response(approved.id(), SECRET).response()), NEW_PIN);
        assertThat(holder.token().info().state()).isNotEqualTo(TokenState.LOCKED);

        UnlockRequest second = manual.request(serial, holder.token().unblockChallenge().text(), SECRET_HASH, agent);
        UnlockRequest rejected = manual.decide(second.id(), false, "caller could not confirm the employer", service);
        assertThat(rejected.state()).isEqualTo(UnlockRequest.State.REJECTED);
        assertThat(catchThrowableOfType(Refusal.class, () -> manual.response(rejected.id(), SECRET)).code())
                .isEqualTo(LifecycleRefusal.UNLOCK_NOT_APPROVED);
        assertThat(applications.get(rejected.applicationId()).state()).isEqualTo(ApplicationState.REJECTED);
        assertThatThrownBy(() -> manual.decide(second.id(), true, null, service)).isInstanceOf(Refusal.class);
    }

    /**
     * Issue 11 item 6: anyone at the CA could read the unblock response off a request and unlock a stolen key. Now
     * customer service reading the request gets no code; only the requesting assistant's secret gets it, another
     * secret does not (and the attempt is audited).
     */
    @Test
    void theResponseGoesToTheRequestingAssistantsSecretOnlyNeverToCustomerService_R_FEE_1_d() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = lockedKey(uscc);
        String serial = holder.token().info().serial();
        BrowserSession agent = agents.signIn(mobile);
        Map<String, Object> filed = request(agent, serial, holder.token().unblockChallenge().text())
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(filed).containsEntry("state", "APPROVED");

        Map<String, Object> seenByService = client.get().uri("/api/v1/unlock-requests/" + filed.get("id"))
                .headers(TestStaff.as(TestStaff.SERVICE)).exchange().expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(seenByService).containsEntry("state", "APPROVED").doesNotContainKey("response")
                .doesNotContainKey("responseKeyHash");
        String code = new UnblockAuthorityView(context.getBean(UnblockAuthority.class)).codeFor(serial,
                holder.token().unblockChallenge().text());
        assertThat(seenByService.toString()).doesNotContain(code);

        response(filed.get("id"), "another-secret").expectStatus().isForbidden().expectBody().jsonPath("$.type")
                .value(String.class, type -> assertThat(type).endsWith("/wrong-response-secret"));
        response(UUID.randomUUID(), SECRET).expectStatus().isForbidden();
        assertThat(audit.history("unlock-request", String.valueOf(filed.get("id")))).extracting(r -> r.entry().action())
                .contains("unlock.response.refused");
        assertThat(response(filed.get("id"), SECRET).expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody()).containsEntry("response", code);
        // Filing without the assistant's key is refused: the response would have nobody to go to.
        client.post().uri("/api/v1/unlock-requests").headers(agent::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("tokenSerial", serial, "challenge",
                        holder.token().unblockChallenge().text())).exchange().expectStatus().isBadRequest();
    }

    /** What the bureau's authority answers, to check that no page or answer carries it. */
    private record UnblockAuthorityView(UnblockAuthority authority) {
        String codeFor(String tokenSerial, String challenge) {
            return authority.respond(tokenSerial, org.orgcert.token.UnblockChallenge.parse(challenge)).text();
        }
    }
}
