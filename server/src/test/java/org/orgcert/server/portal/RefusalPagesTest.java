package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A service's refusal on a portal page reads in the page's language (the type's text, {@code RefusalTexts}),
 * never as the service's English detail; the JSON API keeps its problem+json with that detail.
 */
@ServiceTest
@AutoConfigureRestTestClient
class RefusalPagesTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;

    @Test
    void anUnknownCertificateIsAChinese404PageWithoutTheEnglishDetail() {
        String mobile = EmployerAgents.nextMobile();
        EmployerAgents agents = new EmployerAgents(client, notifications);
        agents.register(TestUscc.next(), "昆明市拒绝说明测试有限公司", mobile);
        BrowserSession agent = agents.signIn(mobile);

        String page = page("/my/certificates/ABCDEF0123", agent::cookies, HttpStatus.NOT_FOUND);
        assertThat(page).contains("lang=\"zh-CN\"", "未找到该证书：请核对证书序列号。")
                .doesNotContain("no certificate", "of your employers");
    }

    @Test
    void anotherWindowsApplicationIsAChinese403PageAndTheApiKeepsItsProblem_R_CH_4() {
        Object id = new ApplicationApi(client).submit(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false),
                201).get("id");

        String page = page("/staff/applications/" + id, TestStaff.as(TestStaff.clerk("fumin")), HttpStatus.FORBIDDEN);
        assertThat(page).contains("lang=\"zh-CN\"", "该申请属于其他服务窗口：只有该窗口的经办人可以查看和办理。")
                .doesNotContain("may not act on another window");

        client.get().uri("/api/v1/applications/" + id).headers(TestStaff.as(TestStaff.clerk("fumin"))).exchange()
                .expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://orgcert.example/problems/other-window")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("another window"));
    }

    @Test
    void aStaffRefusalReadsInChineseAndInEnglish() {
        String chinese = page("/staff/dashboard", TestStaff.as(TestStaff.OPERATOR), HttpStatus.FORBIDDEN);
        assertThat(chinese).contains("lang=\"zh-CN\"", "您账户的岗位不能进行此操作。").doesNotContain("needs one of the roles");

        String english = page("/staff/dashboard?lang=en", TestStaff.as(TestStaff.OPERATOR), HttpStatus.FORBIDDEN);
        assertThat(english).contains("lang=\"en\"", "This step is not for your account’s role.")
                .doesNotContain("needs one of the roles");
    }

    /** The HTML page at {@code path}, expecting {@code status}. */
    private String page(String path, Consumer<HttpHeaders> headers, HttpStatus status) {
        return client.get().uri(path).headers(headers).exchange().expectStatus().isEqualTo(status).expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML).returnResult(String.class).getResponseBody();
    }
}
