package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The apply wizard's way through its steps and where each problem shows, without Spring or a browser. */
class ApplyStepsTest {
    private static final ApplyDraft DRAFT = new ApplyDraft(
            new ApplyDraft.EmployerAnswers("e1", "NEW", "ENTERPRISE_OR_INDIVIDUAL_BUSINESS", null, "李四"), Set.of(),
            "WINDOW", "WINDOW_PICKUP", new ApplyDraft.PlaceAnswers("", "王五", "", "云南省", "昆明市", "", "", ""),
            Set.of(), "key", null);

    @Test
    void theWindowOrAddressStepIsSkippedOnlyForPickUpAtTheCaHall_R_CH_3() {
        assertThat(DRAFT.steps()).contains(ApplyStep.WINDOW_OR_ADDRESS);
        assertThat(DRAFT.withRoute("CA_HALL:MAIL").steps()).contains(ApplyStep.WINDOW_OR_ADDRESS);
        assertThat(DRAFT.withRoute("CA_HALL:ON_THE_SPOT").steps()).containsExactly(ApplyStep.EMPLOYER,
                ApplyStep.MATERIALS, ApplyStep.CHANNEL, ApplyStep.REVIEW);
        assertThat(DRAFT.withRoute("CA_HALL:ON_THE_SPOT").next(ApplyStep.CHANNEL)).isEqualTo(ApplyStep.REVIEW);
        assertThat(DRAFT.withRoute("CA_HALL:ON_THE_SPOT").previous(ApplyStep.REVIEW)).contains(ApplyStep.CHANNEL);
        // A pair outside the R-CH table decides nothing: the step still counts.
        assertThat(DRAFT.withRoute("MAIL:ON_THE_SPOT").steps()).contains(ApplyStep.WINDOW_OR_ADDRESS);
        assertThat(DRAFT.previous(ApplyStep.EMPLOYER)).isEmpty();
    }

    @Test
    void aRouteThatIsNoPairLeavesChannelAndDeliveryUnknown_R_CH() {
        assertThat(DRAFT.withRoute("WINDOW:MAIL").route()).isEqualTo("WINDOW:MAIL");
        assertThat(DRAFT.withRoute("WINDOW").channelChoice()).isEmpty();
        assertThat(DRAFT.withRoute(null).deliveryChoice()).isEmpty();
    }

    @Test
    void eachStepShowsOnlyItsOwnProblemsUnderTheControlThatSetsThem() {
        Map<String, String> problems = Map.of("agentName", "k.agent", "legalRepresentative", "k.legalRep",
                "delivery", "k.delivery", "mailingAddress.postalCode", "k.postal", "windowId", "k.window");
        assertThat(ApplyStep.EMPLOYER.errors(problems)).containsExactly(Map.entry("employerId", "k.legalRep"),
                Map.entry("agentName", "k.agent"));
        assertThat(ApplyStep.MATERIALS.errors(problems)).isEmpty();
        assertThat(ApplyStep.CHANNEL.errors(problems)).containsExactly(Map.entry("route", "k.delivery"));
        assertThat(ApplyStep.WINDOW_OR_ADDRESS.errors(problems)).containsExactly(Map.entry("windowId", "k.window"),
                Map.entry("postalCode", "k.postal"));
        assertThat(ApplyStep.showing(Set.of("mailingAddress.city", "delivery"))).contains(ApplyStep.CHANNEL);
        assertThat(ApplyStep.showing(Set.of("form"))).isEmpty();
    }

    @Test
    void theAddressTypedBeforeIsKeptWhenOnlyTheWindowIsPosted() {
        ApplyDraft draft = DRAFT.withPlace(new ApplyDraft.PlaceAnswers("wuhua", null, null, null, null, null, null,
                null));
        assertThat(draft.place().windowId()).isEqualTo("wuhua");
        assertThat(draft.place().recipient()).isEqualTo("王五");
        assertThat(draft.confirmed(ApplyStep.EMPLOYER).confirmed(ApplyStep.MATERIALS).done())
                .containsExactlyInAnyOrder(ApplyStep.EMPLOYER, ApplyStep.MATERIALS);
    }
}
