package org.orgcert.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.lifecycle.ReplacedCertificates;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.OutboxMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A revocation through the certificate's own machine tells the employer by SMS (R-SMS-1), with the reason in its
 * words, in the revocation's transaction: loss, damage, cancellation, a changed certificate never written to the
 * key; not a certificate superseded by the new one the employer wrote to its key itself, and one SMS for a key
 * however many certificates it held.
 */
@ServiceTest
@AutoConfigureRestTestClient
class RevocationSmsTest extends ServiceTestBase {
    private static final String REVOKED = "certificate.revoked";
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    CertificateStore certificates;
    @Autowired
    ReplacedCertificates replaced;
    @LocalServerPort
    int port;
    KeyHolders holders;

    @BeforeEach
    void holders() {
        holders = new KeyHolders(context);
    }

    /** A certificate of an employer registered with notice number {@code mobile}. */
    private KeyHolders.Holder holder(String mobile) {
        Uscc uscc = TestUscc.next();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        return holders.produce(uscc);
    }

    private List<String> revokedSms(String mobile) {
        return notifications.latestTo(MobileNumber.parse(mobile), 50).stream()
                .filter(m -> REVOKED.equals(m.template())).map(OutboxMessage::text).toList();
    }

    private void end(CertificateRecord certificate, String reason) {
        client.post().uri("/api/v1/certificates/" + certificate.serialHex() + "/revocation")
                .headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", reason)).exchange().expectStatus().isOk();
    }

    private CertificateRecord changeInformation(CertificateRecord certificate) {
        client.post().uri("/api/v1/certificates/" + certificate.serialHex() + "/information-change")
                .headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("employerName", "昆明市信息变更测试有限公司")).exchange().expectStatus().isCreated();
        return certificates.findSuccessor(certificate.serial()).orElseThrow();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"LOST, USB Key已挂失", "DAMAGED, USB Key损坏", "CANCELLED, 应您单位申请注销"})
    void aLossDamageOrCancellationTellsTheEmployerWithTheReasonInItsWords_R_SMS_1(String reason, String words) {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holder(mobile);
        assertThat(revokedSms(mobile)).isEmpty();

        end(holder.certificate(), reason);

        assertThat(revokedSms(mobile)).singleElement().satisfies(text -> assertThat(text)
                .startsWith("【昆明就业】" + KeyHolders.NAME).contains("数字证书已注销").contains("原因：" + words + "。")
                .doesNotContain("R-").doesNotContain("{"));
    }

    @Test
    void aLostKeyHoldingTwoCertificatesIsOneSms_R_SMS_1() {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holder(mobile);
        CertificateRecord successor = changeInformation(holder.certificate());

        end(successor, "LOST");

        assertThat(certificates.findValidOnToken(holder.certificate().tokenSerial())).isEmpty();
        assertThat(revokedSms(mobile)).singleElement().asString().contains("USB Key已挂失");
    }

    @Test
    void aCertificateSupersededByTheOneTheEmployerWroteToItsKeyIsNoNews_R_SMS_1() {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holder(mobile);
        changeInformation(holder.certificate());

        assertThat(new KeyAssistant(clock).fetchSuccessor(holder.token(),
                new ServiceClient(URI.create("http://127.0.0.1:" + port)), holder.pin()).confirmed()).isTrue();

        assertThat(certificates.findBySerial(holder.certificate().serial()).orElseThrow().state())
                .isEqualTo(CertificateState.REVOKED);
        assertThat(revokedSms(mobile)).isEmpty();
    }

    @Test
    void aChangedCertificateNeverWrittenToTheKeyEndsTheOldOneAndTheEmployerIsToldToWriteIt_R_SMS_1() {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holder(mobile);
        changeInformation(holder.certificate());

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        assertThat(replaced.endGrace()).isPositive();

        assertThat(certificates.findBySerial(holder.certificate().serial()).orElseThrow().state())
                .isEqualTo(CertificateState.REVOKED);
        assertThat(revokedSms(mobile)).singleElement().asString().contains("新证书").contains("证书助手");
    }
}
