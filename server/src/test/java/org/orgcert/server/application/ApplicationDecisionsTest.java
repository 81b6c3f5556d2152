package org.orgcert.server.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.TestUscc;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalKind;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.employer.EmployerType;

/**
 * The one decision of the application process, without Spring or a database: who applies which event, the
 * window clerk's own window, the agent's own employer, the service itself, and the guards decided from the
 * application (papers). The guards other capabilities answer are tested with them (ProcessIntegrityTest).
 */
class ApplicationDecisionsTest {
    private static final Uscc MINE = TestUscc.next();
    private static final Uscc THEIRS = TestUscc.next();
    private static final Actor SERVICE_ITSELF = Actor.system("test-job");

    static Application at(String window, Uscc uscc, ApplicationState state, Set<MaterialItem> received) {
        SubmitApplication form = new SubmitApplication(ApplicationKind.NEW, "某公司", uscc,
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", false, "李四",
                window == null ? Channel.CA_HALL : Channel.WINDOW, window == null ? Delivery.ON_THE_SPOT
                        : Delivery.WINDOW_PICKUP, window, null);
        return new Application(UUID.randomUUID(), "KM-1", form, state, 1, Instant.EPOCH, null, null, null, null,
                received, null);
    }

    static Application at(String window, Uscc uscc) {
        return at(window, uscc, ApplicationState.SUBMITTED, Set.of());
    }

    /** In a state the event may happen in, every paper received: only "who" can refuse. */
    static Application readyFor(ApplicationEvent event) {
        ApplicationState state = event.sources().iterator().next();
        Application any = at(event.channel() == Channel.WINDOW || event.delivery() == Delivery.WINDOW_PICKUP
                ? "wuhua" : null, MINE, state, Set.of());
        Application complete = at(any.form().windowId(), MINE, state, Set.copyOf(any.requiredMaterials()));
        if (event.channel() == Channel.ONLINE || event.delivery() == Delivery.TO_TOKEN
                || event.delivery() == Delivery.MAIL) {
            SubmitApplication f = complete.form();
            Channel channel = event.channel() == Channel.ONLINE || event.delivery() == Delivery.TO_TOKEN
                    ? Channel.ONLINE : Channel.MAIL;
            Delivery delivery = channel == Channel.ONLINE ? Delivery.TO_TOKEN : Delivery.MAIL;
            SubmitApplication form = new SubmitApplication(f.kind(), f.employerName(), f.uscc(), f.category(),
                    f.legalRepresentative(), f.legalRepInPerson(), f.agentName(), channel, delivery, null, null);
            complete = new Application(complete.id(), "KM-1", form, state, 1, Instant.EPOCH, null, null, null, null,
                    Set.copyOf(complete.requiredMaterials()), null);
        }
        return complete;
    }

    static Actor staff(StaffRole role) {
        return new Actor.Staff("u", role, role == StaffRole.WINDOW_CLERK ? "wuhua" : null);
    }

    static Refusal refusal(Application application, Actor actor, ApplicationEvent event, String reason) {
        return ApplicationDecisions.decide(application, actor, event, reason)
                instanceof ApplicationDecisions.Decision.Refused refused ? refused.refusal() : null;
    }

    static Stream<Arguments> eventsAndRoles() {
        return Stream.of(ApplicationEvent.values()).flatMap(e -> Stream.of(StaffRole.values()).map(r -> Arguments.of(e, r)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("eventsAndRoles")
    @DisplayName("each event is applied by the roles of its table row, and by nobody else")
    void eachEventIsForItsRoles(ApplicationEvent event, StaffRole role) {
        boolean expected = switch (event) {
            case FORWARD, ARRIVE_AT_WINDOW, NOTIFY, COLLECT, RETURN_AND_CANCEL -> role == StaffRole.WINDOW_CLERK;
            case RECEIVE, WITHDRAW -> role == StaffRole.CA_CLERK;
            case START_REVIEW, RETURN_FOR_MERGE, RECORDS_MERGED, ASK_PHONE_CONFIRMATION, APPROVE, REJECT ->
                    role == StaffRole.CA_REVIEWER;
            case CONFIRM_BY_PHONE, DECLINE_BY_PHONE -> EnumSet.of(StaffRole.CA_REVIEWER, StaffRole.CA_SERVICE).contains(role);
            case START_PRODUCTION, COMPLETE_PRODUCTION, HAND_OVER, SHIP, CONFIRM_DELIVERY -> role == StaffRole.CA_OPERATOR;
            // Only the service itself: billing's matching, the approval that leaves something owed, the
            // lifecycle's own decisions.
            case AWAIT_PAYMENT, PAYMENT_SETTLED, APPROVE_ONLINE, DECLINE_ONLINE, DELIVER_ONLINE -> false;
        };
        Refusal refused = refusal(readyFor(event), staff(role), event, "reason");
        if (expected) {
            assertThat(refused).as(event + " by " + role).isNull();
        } else {
            assertThat(refused).as(event + " by " + role).isNotNull();
            assertThat(refused.kind()).isEqualTo(RefusalKind.FORBIDDEN);
        }
    }

    @Test
    @DisplayName("R-FEE-2..4: no person settles a payment; only the service, after matching a transfer")
    void paymentSettledIsTheServicesStepOnly() {
        Application awaiting = at(null, MINE, ApplicationState.AWAITING_PAYMENT, Set.of());
        for (StaffRole role : StaffRole.values()) {
            assertThat(refusal(awaiting, staff(role), ApplicationEvent.PAYMENT_SETTLED, null)).as(role.name()).isNotNull();
        }
        assertThat(refusal(awaiting, SERVICE_ITSELF, ApplicationEvent.PAYMENT_SETTLED, null)).isNull();
        assertThat(ApplicationEvent.PAYMENT_SETTLED.guards()).contains(Guard.PAID_IN_FULL);
        assertThat(ApplicationEvent.START_PRODUCTION.guards()).contains(Guard.PAID_IN_FULL);
    }

    @Test
    @DisplayName("R-CH-7: the clerk's RETURN_AND_CANCEL has the job's guard and consequences")
    void returnAndCancelIsTheSameForClerkAndJob() {
        assertThat(ApplicationEvent.RETURN_AND_CANCEL.who().roles()).containsExactly(StaffRole.WINDOW_CLERK);
        assertThat(ApplicationEvent.RETURN_AND_CANCEL.who().system()).isTrue();
        assertThat(ApplicationEvent.RETURN_AND_CANCEL.guards()).containsExactly(Guard.PICKUP_PERIOD_OVER);
        assertThat(ApplicationEvent.RETURN_AND_CANCEL.consequences())
                .containsExactly(Consequence.REVOKE_CERTIFICATE, Consequence.CLOSE_PICKUP_CALL);
    }

    @Test
    @DisplayName("R-MAT, R-CH-4: forwarding without every paper needs a stated reason")
    void forwardingNeedsPapersOrAReason() {
        Application bare = at("wuhua", MINE);
        Actor clerk = staff(StaffRole.WINDOW_CLERK);
        assertThat(refusal(bare, clerk, ApplicationEvent.FORWARD, null).type()).isEqualTo("forward-without-papers");
        assertThat(refusal(bare, clerk, ApplicationEvent.FORWARD, "  ").type()).isEqualTo("forward-without-papers");
        assertThat(refusal(bare, clerk, ApplicationEvent.FORWARD, "营业执照复印件下周补交")).isNull();
        Application complete = at("wuhua", MINE, ApplicationState.SUBMITTED, Set.copyOf(bare.requiredMaterials()));
        assertThat(refusal(complete, clerk, ApplicationEvent.FORWARD, null)).isNull();
    }

    @Test
    @DisplayName("R-MAT-1..4: approval needs every paper, whatever the reviewer says")
    void approvalNeedsEveryPaper() {
        Application bare = at(null, MINE, ApplicationState.UNDER_REVIEW, Set.of());
        assertThat(refusal(bare, staff(StaffRole.CA_REVIEWER), ApplicationEvent.APPROVE, "looks fine").type())
                .isEqualTo("materials-missing");
    }

    @Test
    @DisplayName("R-CH-4: a window's application reaches the CA only in a forwarded batch")
    void windowApplicationsComeForwarded() {
        Actor caClerk = staff(StaffRole.CA_CLERK);
        assertThat(refusal(at("wuhua", MINE), caClerk, ApplicationEvent.RECEIVE, null).type())
                .isEqualTo("transition-not-allowed");
        assertThat(refusal(at("wuhua", MINE, ApplicationState.FORWARDED, Set.of()), caClerk, ApplicationEvent.RECEIVE,
                null)).isNull();
        assertThat(refusal(at(null, MINE), caClerk, ApplicationEvent.RECEIVE, null)).isNull();
    }

    @Test
    void aWindowClerkOfAnotherWindowIsRefusedEverything() {
        Actor fumin = new Actor.Staff("f", StaffRole.WINDOW_CLERK, "fumin");
        Application wuhua = at("wuhua", MINE);
        for (ApplicationEvent event : ApplicationEvent.values()) {
            assertThat(refusal(wuhua, fumin, event, "r").type()).isEqualTo("other-window");
        }
        assertThat(ApplicationDecisions.visibility(fumin, at(null, MINE))).isNotNull();
        assertThatThrownBy(() -> ApplicationAccess.submit(fumin, wuhua.form()))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("other-window"));
    }

    @Test
    void anAgentSeesAndWithdrawsOnlyTheirOwn() {
        Actor agent = new Actor.EmployerAgent("138****5678", Set.of(UUID.randomUUID()), Set.of(MINE.value()));
        assertThat(refusal(at(null, MINE), agent, ApplicationEvent.WITHDRAW, null)).isNull();
        assertThat(refusal(at(null, MINE, ApplicationState.UNDER_REVIEW, Set.of()), agent, ApplicationEvent.APPROVE,
                null).kind()).isEqualTo(RefusalKind.FORBIDDEN);
        assertThat(refusal(at(null, THEIRS), agent, ApplicationEvent.WITHDRAW, null).kind())
                .isEqualTo(RefusalKind.NOT_FOUND);
        assertThatThrownBy(() -> ApplicationAccess.submit(agent, at(null, THEIRS).form()))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("not-your-employer"));
        assertThatCode(() -> ApplicationAccess.submit(agent, at(null, MINE).form())).doesNotThrowAnyException();
    }

    @Test
    void theServiceItselfAppliesOnlyItsOwnSteps() {
        assertThat(refusal(readyFor(ApplicationEvent.APPROVE), SERVICE_ITSELF, ApplicationEvent.APPROVE, null).type())
                .isEqualTo("not-applied-by-this-actor");
        assertThat(refusal(readyFor(ApplicationEvent.RECEIVE), SERVICE_ITSELF, ApplicationEvent.RECEIVE, null))
                .isNotNull();
        assertThat(refusal(readyFor(ApplicationEvent.DELIVER_ONLINE), SERVICE_ITSELF, ApplicationEvent.DELIVER_ONLINE,
                null)).isNull();
        assertThatThrownBy(() -> ApplicationAccess.submit(SERVICE_ITSELF, at(null, MINE).form()))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void clerksSubmitThroughTheirOwnChannels() {
        assertThatCode(() -> ApplicationAccess.submit(staff(StaffRole.WINDOW_CLERK), at("wuhua", MINE).form()))
                .doesNotThrowAnyException();
        assertThatCode(() -> ApplicationAccess.submit(staff(StaffRole.CA_CLERK), at(null, MINE).form()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ApplicationAccess.submit(staff(StaffRole.CA_CLERK), at("wuhua", MINE).form()))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> ApplicationAccess.submit(staff(StaffRole.CA_REVIEWER), at(null, MINE).form()))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void theTableChecksStateChannelAndDelivery() {
        Actor operator = staff(StaffRole.CA_OPERATOR);
        assertThat(refusal(at(null, MINE, ApplicationState.PRODUCED, Set.of()), operator, ApplicationEvent.SHIP, null)
                .getMessage()).contains("only for delivery MAIL");
        assertThat(refusal(at(null, MINE), staff(StaffRole.CA_REVIEWER), ApplicationEvent.APPROVE, null).getMessage())
                .contains("cannot be APPROVE");
        Actor caClerk = staff(StaffRole.CA_CLERK);
        assertThat(refusal(at(null, MINE, ApplicationState.APPROVED, Set.of()), caClerk, ApplicationEvent.WITHDRAW, null))
                .isNull();
        assertThat(refusal(at(null, MINE, ApplicationState.IN_PRODUCTION, Set.of()), caClerk, ApplicationEvent.WITHDRAW,
                null)).isNotNull();
    }
}
