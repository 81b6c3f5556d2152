package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A page the account may not see is a 403 page in the reader's language; the API keeps problem+json. */
@ServiceTest
@AutoConfigureRestTestClient
class ForbiddenPageTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;

    @Test
    void anEmployerAgentOnAStaffPageAndStaffOnAnEmployerPageGetThe403Page() {
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(TestUscc.next(), "昆明市越权测试有限公司", mobile);
        BrowserSession agent = agents.signIn(mobile);
        String page = client.get().uri("/staff").headers(agent::cookies).exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML).returnResult(String.class)
                .getResponseBody();
        assertThat(page).contains("您的账户无权查看此页面");
        client.get().uri("/my?lang=en").headers(TestStaff.as(TestStaff.OPERATOR)).exchange().expectStatus()
                .isForbidden().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        client.get().uri("/api/v1/dashboard").headers(TestStaff.as(TestStaff.OPERATOR)).exchange().expectStatus()
                .isForbidden().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
