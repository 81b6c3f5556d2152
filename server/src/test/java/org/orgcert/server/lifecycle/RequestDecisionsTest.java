package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.server.billing.BillingRefusal;
import org.orgcert.server.billing.InvoiceDecisions;
import org.orgcert.server.billing.InvoiceRequest;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.StaffRole;

/**
 * The request machines' tables without Spring (issue 11 design): unlock requests, information-change requests and
 * invoice requests each refuse an event in a wrong state, or by the wrong party, with a typed refusal.
 */
class RequestDecisionsTest {
    private static final Actor SERVICE = new Actor.Staff("cs", StaffRole.CA_SERVICE, null);
    private static final Actor REVIEWER = new Actor.Staff("rv", StaffRole.CA_REVIEWER, null);
    private static final Actor AGENT = new Actor.EmployerAgent("138****0001", Set.of(UUID.randomUUID()), Set.of());

    private static RefusalCode refused(Runnable decision) {
        return catchThrowableOfType(Refusal.class, decision::run).code();
    }

    @ParameterizedTest
    @EnumSource(value = UnlockRequest.State.class, names = {"APPROVED", "REJECTED"})
    void aDecidedUnlockRequestIsNotDecidedAgain_R_FEE_1_d(UnlockRequest.State state) {
        assertThat(refused(() -> UnlockDecisions.decide(state, UnlockDecisions.Party.CUSTOMER_SERVICE,
                UnlockDecisions.Event.APPROVE))).isEqualTo(LifecycleRefusal.ALREADY_DECIDED);
        assertThat(refused(() -> UnlockDecisions.decide(state, UnlockDecisions.Party.CUSTOMER_SERVICE,
                UnlockDecisions.Event.REJECT))).isEqualTo(LifecycleRefusal.ALREADY_DECIDED);
    }

    @Test
    void theResponseIsOnlyForAnApprovedRequestAndOnlyForTheRequestingAssistant_R_FEE_1_d() {
        for (UnlockRequest.State state : new UnlockRequest.State[] {UnlockRequest.State.PENDING,
                UnlockRequest.State.REJECTED}) {
            assertThat(refused(() -> UnlockDecisions.decide(state, UnlockDecisions.Party.REQUESTING_ASSISTANT,
                    UnlockDecisions.Event.GIVE_RESPONSE))).isEqualTo(LifecycleRefusal.UNLOCK_NOT_APPROVED);
        }
        // Customer service may approve, never take the response.
        assertThat(refused(() -> UnlockDecisions.decide(UnlockRequest.State.APPROVED,
                UnlockDecisions.Party.CUSTOMER_SERVICE, UnlockDecisions.Event.GIVE_RESPONSE)))
                .isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        assertThat(refused(() -> UnlockDecisions.decide(UnlockRequest.State.PENDING, UnlockDecisions.Party.POLICY,
                UnlockDecisions.Event.REJECT))).isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        assertThat(UnlockDecisions.decide(UnlockRequest.State.PENDING, UnlockDecisions.Party.POLICY,
                UnlockDecisions.Event.APPROVE).consequences()).containsExactly(UnlockDecisions.Consequence.DELIVER_APPLICATION);
        assertThat(UnlockDecisions.decide(UnlockRequest.State.APPROVED, UnlockDecisions.Party.REQUESTING_ASSISTANT,
                UnlockDecisions.Event.GIVE_RESPONSE).target()).isEqualTo(UnlockRequest.State.APPROVED);
    }

    @ParameterizedTest
    @EnumSource(InformationChangeDecisions.Event.class)
    void aDecidedInformationChangeIsNotDecidedAgainAndOnlyCustomerServiceDecides_R_FEE_1_c(
            InformationChangeDecisions.Event event) {
        for (InformationChangeRequest.State decided : new InformationChangeRequest.State[] {
                InformationChangeRequest.State.APPROVED, InformationChangeRequest.State.REJECTED}) {
            assertThat(refused(() -> InformationChangeDecisions.decide(decided, SERVICE, event)))
                    .isEqualTo(LifecycleRefusal.ALREADY_DECIDED);
        }
        assertThat(refused(() -> InformationChangeDecisions.decide(InformationChangeRequest.State.PENDING, REVIEWER,
                event))).isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        assertThat(refused(() -> InformationChangeDecisions.decide(InformationChangeRequest.State.PENDING, AGENT,
                event))).isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        assertThat(InformationChangeDecisions.decide(InformationChangeRequest.State.PENDING, SERVICE, event).target())
                .isNotEqualTo(InformationChangeRequest.State.PENDING);
    }

    @ParameterizedTest
    @EnumSource(value = InvoiceRequest.State.class, names = {"ISSUED", "FAILED"})
    void anInvoiceIsRecordedOnceAndOnlyByCustomerService_R_FEE_4(InvoiceRequest.State state) {
        assertThat(refused(() -> InvoiceDecisions.decide(state, SERVICE, InvoiceDecisions.Event.RECORD_ISSUED)))
                .isEqualTo(BillingRefusal.NOT_REQUESTED);
        assertThat(refused(() -> InvoiceDecisions.decide(InvoiceRequest.State.REQUESTED, REVIEWER,
                InvoiceDecisions.Event.RECORD_ISSUED))).isEqualTo(CommonRefusal.ROLE_NOT_ALLOWED);
        assertThat(InvoiceDecisions.decide(InvoiceRequest.State.REQUESTED, SERVICE, InvoiceDecisions.Event.RECORD_ISSUED))
                .isEqualTo(InvoiceRequest.State.ISSUED);
    }
}
