package org.orgcert.server.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.TestUscc;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalKind;
import org.orgcert.server.domain.StaffRole;

/** Which role applies which event, the window clerk's own window and the agent's own employer, without Spring. */
class ApplicationAccessTest {
    private static final Uscc MINE = TestUscc.next();
    private static final Uscc THEIRS = TestUscc.next();

    static Application at(String window, Uscc uscc) {
        SubmitApplication form = new SubmitApplication(ApplicationKind.NEW, "某公司", uscc,
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", false, "李四",
                window == null ? Channel.CA_HALL : Channel.WINDOW, window == null ? Delivery.ON_THE_SPOT
                        : Delivery.WINDOW_PICKUP, window, null);
        return new Application(UUID.randomUUID(), "KM-1", form, ApplicationState.SUBMITTED, 1, Instant.EPOCH, null,
                null, null, null, Set.of());
    }

    static Actor staff(StaffRole role) {
        return new Actor.Staff("u", role, role == StaffRole.WINDOW_CLERK ? "wuhua" : null);
    }

    /** Every event against every role: allowed exactly for the roles of the table. */
    static Stream<Arguments> eventsAndRoles() {
        return Stream.of(ApplicationEvent.values()).flatMap(e -> Stream.of(StaffRole.values()).map(r -> Arguments.of(e, r)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("eventsAndRoles")
    void eachEventIsForItsRoles(ApplicationEvent event, StaffRole role) {
        Application application = at("wuhua", MINE);
        boolean expected = switch (event) {
            case FORWARD, ARRIVE_AT_WINDOW, NOTIFY, COLLECT, RETURN_AND_CANCEL -> role == StaffRole.WINDOW_CLERK;
            case RECEIVE, AWAIT_PAYMENT, PAYMENT_SETTLED, WITHDRAW -> role == StaffRole.CA_CLERK;
            case START_REVIEW, RETURN_FOR_MERGE, RECORDS_MERGED, ASK_PHONE_CONFIRMATION, APPROVE, REJECT ->
                    role == StaffRole.CA_REVIEWER;
            case CONFIRM_BY_PHONE, DECLINE_BY_PHONE -> EnumSet.of(StaffRole.CA_REVIEWER, StaffRole.CA_SERVICE).contains(role);
            case START_PRODUCTION, COMPLETE_PRODUCTION, HAND_OVER, SHIP, CONFIRM_DELIVERY -> role == StaffRole.CA_OPERATOR;
            case APPROVE_ONLINE, DECLINE_ONLINE, DELIVER_ONLINE -> false; // the lifecycle services apply these
        };
        if (expected) {
            assertThatCode(() -> ApplicationAccess.event(staff(role), application, event)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ApplicationAccess.event(staff(role), application, event))
                    .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.kind()).isEqualTo(RefusalKind.FORBIDDEN));
        }
    }

    @Test
    void aWindowClerkOfAnotherWindowIsRefusedEverything() {
        Actor fumin = new Actor.Staff("f", StaffRole.WINDOW_CLERK, "fumin");
        Application wuhua = at("wuhua", MINE);
        for (ApplicationEvent event : ApplicationEvent.values()) {
            assertThatThrownBy(() -> ApplicationAccess.event(fumin, wuhua, event))
                    .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("other-window"));
        }
        assertThatThrownBy(() -> ApplicationAccess.view(fumin, wuhua))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("other-window"));
        assertThatThrownBy(() -> ApplicationAccess.view(fumin, at(null, MINE))).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> ApplicationAccess.submit(fumin, wuhua.form()))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("other-window"));
    }

    @Test
    void anAgentSeesAndWithdrawsOnlyTheirOwn() {
        Actor agent = new Actor.EmployerAgent("138****5678", Set.of(UUID.randomUUID()), Set.of(MINE.value()));
        assertThatCode(() -> ApplicationAccess.event(agent, at(null, MINE), ApplicationEvent.WITHDRAW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ApplicationAccess.event(agent, at(null, MINE), ApplicationEvent.APPROVE))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.kind()).isEqualTo(RefusalKind.FORBIDDEN));
        assertThatThrownBy(() -> ApplicationAccess.view(agent, at(null, THEIRS)))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.kind()).isEqualTo(RefusalKind.NOT_FOUND));
        assertThatThrownBy(() -> ApplicationAccess.submit(agent, at(null, THEIRS).form()))
                .isInstanceOfSatisfying(Refusal.class, p -> assertThat(p.type()).isEqualTo("not-your-employer"));
        assertThatCode(() -> ApplicationAccess.submit(agent, at(null, MINE).form())).doesNotThrowAnyException();
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
}
