package org.orgcert.server.application;

import org.orgcert.server.employer.EmployerType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.domain.Refusal;

/** The guide's process rules as plain data, tested without Spring. */
class ApplicationRulesTest {
    static final Uscc USCC = new Uscc("91110000600037341L");

    /** R-CH: exactly the five pairs of the guide's table; mail-in with window pick-up is refused. */
    @Test
    void channelAndDeliveryPairs_R_CH() {
        List<String> allowed = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            for (Delivery delivery : Delivery.values()) {
                if (channel.allows(delivery)) {
                    allowed.add(channel + "/" + delivery);
                }
            }
        }
        // R-CH's table, plus ONLINE/TO_TOKEN for steps on a key the employer already holds (R-REN-2).
        assertThat(allowed).containsExactlyInAnyOrder("CA_HALL/ON_THE_SPOT", "CA_HALL/MAIL", "MAIL/MAIL",
                "WINDOW/MAIL", "WINDOW/WINDOW_PICKUP", "ONLINE/TO_TOKEN");
    }

    /** ONLINE is for the service's own lifecycle requests: a submitted application cannot choose it. */
    @Test
    void aSubmittedApplicationCannotBeOnline_R_CH() {
        SubmitApplication online = new SubmitApplication(ApplicationKind.NEW, "昆明市测试有限公司",
                org.orgcert.server.TestUscc.next(), EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS,
                "张三", true, "张三", Channel.ONLINE, Delivery.TO_TOKEN, null, null);
        assertThatThrownBy(() -> ApplicationService.validate(online))
                .isInstanceOfSatisfying(Refusal.class,
                        p -> assertThat(p.fieldErrors().toString()).contains("channel"));
    }

    /** R-MAT-1..4: proof by employer kind, agent ID unless in person, two forms, mailing form only by mail. */
    @Test
    void materialsChecklist_R_MAT_1_to_4() {
        assertThat(MaterialsChecklist.required(EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, false, Delivery.MAIL))
                .containsExactly(MaterialItem.BUSINESS_LICENCE_COPY, MaterialItem.AGENT_ID_COPY,
                        MaterialItem.APPLICATION_FORM, MaterialItem.MAILING_ADDRESS_FORM);
        assertThat(MaterialsChecklist.required(EmployerType.STATE_ORGAN_OR_PUBLIC_INSTITUTION, true,
                Delivery.ON_THE_SPOT)).containsExactly(MaterialItem.INSTITUTION_CERTIFICATE_COPY,
                        MaterialItem.APPLICATION_FORM);
        assertThat(MaterialsChecklist.required(EmployerType.SOCIAL_ORGANISATION, false, Delivery.WINDOW_PICKUP))
                .containsExactly(MaterialItem.SOCIAL_ORGANISATION_CERTIFICATE_COPY, MaterialItem.AGENT_ID_COPY,
                        MaterialItem.APPLICATION_FORM);
        assertThat(MaterialItem.APPLICATION_FORM.copies()).isEqualTo(2);
    }

    @Test
    void everyEventLeadsSomewhereFromSomewhere() {
        for (ApplicationEvent event : ApplicationEvent.values()) {
            assertThat(event.sources()).as(event.name()).isNotEmpty().doesNotContain(event.target());
            for (ApplicationState source : event.sources()) {
                assertThat(source.isFinal()).as(event + " from final " + source).isFalse();
            }
        }
        // Every non-final state can be left; every state but SUBMITTED can be reached.
        for (ApplicationState state : ApplicationState.values()) {
            boolean leaves = false;
            boolean reached = false;
            for (ApplicationEvent event : ApplicationEvent.values()) {
                leaves |= event.sources().contains(state);
                reached |= event.target() == state;
            }
            assertThat(leaves).as(state + " can be left").isEqualTo(!state.isFinal());
            assertThat(reached).as(state + " can be reached").isEqualTo(state != ApplicationState.SUBMITTED);
        }
    }

    static SubmitApplication form(Channel channel, Delivery delivery, String window, MailingAddress mail) {
        return new SubmitApplication(ApplicationKind.NEW, "昆明市测试科技有限公司", USCC,
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", false, "李四", channel, delivery, window, mail);
    }

    static MailingAddress address() {
        return new MailingAddress("李四", "13812345678", "云南省", "昆明市", "五华区", "正义路1号", "650000");
    }

    @Test
    void formValidationNamesEveryField_R_CH_R_MAT_5() {
        ApplicationService.validate(form(Channel.WINDOW, Delivery.WINDOW_PICKUP, "wuhua", null));
        ApplicationService.validate(form(Channel.MAIL, Delivery.MAIL, null, address()));
        assertThatThrownBy(() -> ApplicationService.validate(form(Channel.MAIL, Delivery.WINDOW_PICKUP, null, null)))
                .isInstanceOf(Refusal.class)
                .satisfies(e -> assertThat(errors(e)).containsKey("delivery"));
        assertThatThrownBy(() -> ApplicationService.validate(form(Channel.WINDOW, Delivery.MAIL, null, null)))
                .satisfies(e -> assertThat(errors(e)).containsKeys("windowId", "mailingAddress"));
        MailingAddress incomplete = new MailingAddress("李四", "400-600-7210", "", "昆明市", "五华区", "正义路1号", "65000");
        assertThatThrownBy(() -> ApplicationService.validate(form(Channel.CA_HALL, Delivery.MAIL, null, incomplete)))
                .satisfies(e -> assertThat(errors(e)).containsKeys("mailingAddress.province",
                        "mailingAddress.postalCode", "mailingAddress.phone"));
        SubmitApplication inPerson = new SubmitApplication(ApplicationKind.NEW, "某公司", USCC,
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", true, "李四", Channel.CA_HALL,
                Delivery.ON_THE_SPOT, null, null);
        assertThatThrownBy(() -> ApplicationService.validate(inPerson))
                .satisfies(e -> assertThat(errors(e)).containsKey("agentName"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> errors(Throwable e) {
        return (Map<String, String>) ((Refusal) e).fieldErrors();
    }
}
