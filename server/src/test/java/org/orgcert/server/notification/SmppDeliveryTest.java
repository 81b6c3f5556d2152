package org.orgcert.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.Test;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.employer.MobileNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMS through a real SMPP gateway (issue 14): jsmpp's server started inside the test on a loopback port. The outbox
 * is the record (R-SMS-3): a message the gateway does not take (down, wrong password) stays queued with its
 * attempts and reason, and a later attempt delivers it.
 */
@ServiceTest
class SmppDeliveryTest extends ServiceTestBase {
    /** 150 characters: three UCS2 parts of 67, 67 and 16. */
    private static final String LONG_TEXT = ("【昆明就业】贵单位的数字证书申请已审核通过，请按通知缴费后等待制证。"
            + "如有疑问请致电0871-12345678。").repeat(4).substring(0, 150);

    @Autowired
    Notifications notifications;
    @Autowired
    OutboxDelivery delivery;
    @Autowired
    PlatformTransactionManager transactions;

    private UUID queue(String mobile, String text) {
        return new TransactionTemplate(transactions).execute(status ->
                notifications.sendSms(MobileNumber.parse(mobile), text, "test"));
    }

    private OutboxMessage row(UUID id) {
        return notifications.find(id, true).orElseThrow();
    }

    @Test
    void aLongChineseTextGoesAsConcatenatedUcs2Parts_R_SMS_3() throws Exception {
        try (TestSmppGateway gateway = new TestSmppGateway().start();
                SmppSmsSender sender = new SmppSmsSender(gateway.settings(TestSmppGateway.PASSWORD))) {
            String mobile = EmployerAgents.nextMobile();
            UUID id = queue(mobile, LONG_TEXT);

            assertThat(delivery.deliver(id, sender)).isEqualTo(OutboxDelivery.Attempt.SENT);

            List<SubmitSm> parts = gateway.received;
            assertThat(parts).hasSize(3);
            assertThat(gateway.binds).containsExactly(BindType.BIND_TX);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int i = 0; i < parts.size(); i++) {
                SubmitSm part = parts.get(i);
                assertThat(part.getDestAddress()).isEqualTo(mobile);
                assertThat(part.getSourceAddr()).isEqualTo("10690001");
                assertThat(part.getDataCoding()).isEqualTo((byte) 0x08);
                assertThat(part.isUdhi()).isTrue();
                byte[] message = part.getShortMessage();
                assertThat(message).startsWith(0x05, 0x00, 0x03, parts.get(0).getShortMessage()[3], 3, i + 1);
                assertThat(message.length - 6).isLessThanOrEqualTo(2 * SmsParts.PER_PART);
                text.write(message, 6, message.length - 6);
            }
            assertThat(text.toString(StandardCharsets.UTF_16BE)).isEqualTo(LONG_TEXT);
            OutboxMessage sent = row(id);
            assertThat(sent.state()).isEqualTo(OutboxMessage.State.SENT);
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.gatewayMessageId()).isEqualTo("1001,1002,1003");
            assertThat(sent.nextAttemptAt()).isNull();

            // The session is reused: a short text is one UCS2 SMS without a header, no second bind.
            UUID second = queue(mobile, "【昆明就业】您好");
            assertThat(delivery.deliver(second, sender)).isEqualTo(OutboxDelivery.Attempt.SENT);
            assertThat(gateway.binds).hasSize(1);
            SubmitSm single = gateway.received.get(3);
            assertThat(single.isUdhi()).isFalse();
            assertThat(new String(single.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("【昆明就业】您好");
        }
    }

    @Test
    void aGatewayOutageLeavesTheMessageQueuedAndARetryDeliversIt_R_SMS_3() throws Exception {
        TestSmppGateway gateway = new TestSmppGateway();
        try (SmppSmsSender sender = new SmppSmsSender(gateway.settings(TestSmppGateway.PASSWORD))) {
            String mobile = EmployerAgents.nextMobile();
            UUID id = queue(mobile, "【昆明就业】验证码123456");

            // Down: the attempt is counted, the reason kept (no number, no text), the next attempt 30 s later.
            assertThat(delivery.deliver(id, sender)).isEqualTo(OutboxDelivery.Attempt.FAILED);
            OutboxMessage failed = row(id);
            assertThat(failed.state()).isEqualTo(OutboxMessage.State.RETRYING);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).contains("cannot connect").doesNotContain(mobile).doesNotContain("123456");
            assertThat(failed.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
            assertThat(notifications.latest(500, false, true)).extracting(OutboxMessage::id).contains(id);
            // Not due yet: nobody tries it.
            assertThat(delivery.deliver(id, sender)).isEqualTo(OutboxDelivery.Attempt.NOT_TRIED);

            setTime(clock.instant().plusSeconds(31));
            delivery.deliverDue(sender);
            assertThat(row(id).attempts()).isEqualTo(2);
            assertThat(row(id).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(60));

            // The gateway is back: the job's next run delivers it.
            gateway.start();
            setTime(clock.instant().plusSeconds(61));
            delivery.deliverDue(sender);
            OutboxMessage sent = row(id);
            assertThat(sent.state()).isEqualTo(OutboxMessage.State.SENT);
            assertThat(sent.attempts()).isEqualTo(3);
            assertThat(sent.lastError()).isNull();
            assertThat(gateway.received).extracting(SubmitSm::getDestAddress).contains(mobile);

            // It goes down with the session bound: the next message waits, and is sent on a new session later.
            gateway.stop();
            UUID next = queue(mobile, "【昆明就业】第二条");
            assertThat(delivery.deliver(next, sender)).isEqualTo(OutboxDelivery.Attempt.FAILED);
            assertThat(row(next).state()).isEqualTo(OutboxMessage.State.RETRYING);
            gateway.start();
            setTime(clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(delivery.deliver(next, sender)).isEqualTo(OutboxDelivery.Attempt.SENT);
            assertThat(gateway.binds).hasSize(2);
        } finally {
            gateway.stop();
        }
    }

    @Test
    void aWrongPasswordLeavesTheMessageQueued_R_SMS_3() throws Exception {
        try (TestSmppGateway gateway = new TestSmppGateway().start();
                SmppSmsSender sender = new SmppSmsSender(gateway.settings("wrong-pw"))) {
            UUID id = queue(EmployerAgents.nextMobile(), "【昆明就业】您好");

            assertThat(delivery.deliver(id, sender)).isEqualTo(OutboxDelivery.Attempt.FAILED);

            OutboxMessage failed = row(id);
            assertThat(failed.state()).isEqualTo(OutboxMessage.State.RETRYING);
            assertThat(failed.lastError()).isEqualTo("bind refused by the gateway: status 0x0000000e")
                    .doesNotContain("wrong-pw");
            assertThat(gateway.received).isEmpty();
        }
    }
}
