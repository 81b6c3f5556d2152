package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** SMS reminders 30 and 7 days before expiry (R-REN-1), each once. */
@ServiceTest
@AutoConfigureRestTestClient
class RenewalReminderTest extends ServiceTestBase {
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    RenewalReminders reminders;

    private long textsTo(String mobile) {
        String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
        return notifications.latest(500, true).stream()
                .filter(m -> m.recipient().equals(masked) && "renewal.open".equals(m.template())
                        && m.text().contains("续期")).count();
    }

    @Test
    void remindersGoOutThirtyAndSevenDaysBeforeExpiryOnceEach_R_REN_1() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = new KeyHolders(context).produce(uscc);

        setTime(holder.certificate().notAfter().minus(Duration.ofDays(31)));
        reminders.sendDue();
        assertThat(textsTo(mobile)).isZero();
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(29)));
        reminders.sendDue();
        reminders.sendDue();
        assertThat(textsTo(mobile)).isEqualTo(1);
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(6)));
        reminders.sendDue();
        reminders.sendDue();
        assertThat(textsTo(mobile)).isEqualTo(2);
    }
}
