package org.orgcert.server.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The papers a clerk or reviewer ticks together are recorded together or not at all
 * ({@link ApplicationService#tickFor}): one refused paper, a closed application or another window's clerk
 * leaves every paper unticked and the audit log without a tick.
 */
@ServiceTest
@AutoConfigureRestTestClient
class MaterialsTickTest extends ServiceTestBase {
    private static final Actor REVIEWER = new Actor.Staff("t-reviewer", StaffRole.CA_REVIEWER, null);

    @Autowired
    RestTestClient client;
    @Autowired
    ApplicationService service;
    @Autowired
    AuditLog audit;

    private ApplicationApi api;

    @BeforeEach
    void api() {
        api = new ApplicationApi(client);
    }

    private UUID submitted(String channel, String delivery, String window) {
        return UUID.fromString(api.submit(ApplicationApi.form(channel, delivery, window, false), 201).get("id")
                .toString());
    }

    @Test
    void everyTickedPaperIsRecordedAndAuditedInOneGo_R_MAT_1_R_MAT_3() {
        UUID id = submitted("CA_HALL", "ON_THE_SPOT", null);
        List<MaterialItem> required = service.get(id).requiredMaterials();
        assertThat(required).hasSizeGreaterThan(1);

        Application ticked = service.tick(id, required, REVIEWER);

        assertThat(ticked.missingMaterials()).isEmpty();
        assertThat(service.get(id).missingMaterials()).isEmpty();
        assertThat(tickAudits(id)).containsExactlyInAnyOrderElementsOf(required.stream().map(Enum::name).toList());
    }

    @Test
    void onePaperTheApplicationDoesNotNeedRefusesThemAll_R_MAT_4() {
        UUID id = submitted("CA_HALL", "ON_THE_SPOT", null);

        Refusal refused = catchThrowableOfType(Refusal.class, () -> service.tick(id,
                List.of(MaterialItem.APPLICATION_FORM, MaterialItem.MAILING_ADDRESS_FORM), REVIEWER));

        assertThat(refused.type()).isEqualTo("material-not-required");
        assertNothingTicked(id);
    }

    @Test
    void aWithdrawnApplicationTakesNoMoreTicks_R_MAT_1() {
        UUID id = submitted("CA_HALL", "ON_THE_SPOT", null);
        api.event(id, "WITHDRAW", 200);

        Refusal refused = catchThrowableOfType(Refusal.class,
                () -> service.tick(id, List.of(MaterialItem.APPLICATION_FORM), REVIEWER));

        assertThat(refused.type()).isEqualTo("materials-closed");
        assertNothingTicked(id);
    }

    @Test
    void anotherWindowsClerkAndARoleThatChecksNoPapersAreRefused_R_CH_4() {
        UUID id = submitted("WINDOW", "WINDOW_PICKUP", "wuhua");
        List<MaterialItem> required = service.get(id).requiredMaterials();

        Refusal otherWindow = catchThrowableOfType(Refusal.class, () -> service.tick(id, required,
                new Actor.Staff("t-clerk-fumin", StaffRole.WINDOW_CLERK, "fumin")));
        Refusal operator = catchThrowableOfType(Refusal.class, () -> service.tick(id, required,
                new Actor.Staff("t-operator", StaffRole.CA_OPERATOR, null)));

        assertThat(otherWindow.type()).isEqualTo("other-window");
        assertThat(operator.type()).isEqualTo("role-not-allowed");
        assertNothingTicked(id);
        // The window's own clerk ticks them.
        assertThat(service.tick(id, required, new Actor.Staff("t-clerk-wuhua", StaffRole.WINDOW_CLERK, "wuhua"))
                .missingMaterials()).isEmpty();
    }

    @Test
    void aPostWithoutPapersIsRefused() {
        UUID id = submitted("CA_HALL", "ON_THE_SPOT", null);

        Refusal refused = catchThrowableOfType(Refusal.class, () -> service.tick(id, List.of(), REVIEWER));

        assertThat(refused.type()).isEqualTo("no-materials");
        assertNothingTicked(id);
    }

    private void assertNothingTicked(UUID id) {
        assertThat(service.get(id).received()).isEmpty();
        assertThat(tickAudits(id)).isEmpty();
    }

    /** The papers named by the application's {@code application.material-ticked} audit records. */
    private List<String> tickAudits(UUID id) {
        return audit.history("application", id.toString()).stream()
                .filter(r -> r.entry().action().equals("application.material-ticked"))
                .map(r -> r.entry().detail()).toList();
    }
}
