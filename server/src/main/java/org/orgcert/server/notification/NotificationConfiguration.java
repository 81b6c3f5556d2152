package org.orgcert.server.notification;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SMS sender named by {@code orgcert.sms.gateway} unless the deployment declares its own, and the
 * {@code sms-outbox} job that retries what the gateway did not take (db-scheduler: one node runs each execution).
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(SmsSender.class)
    SmsSender smsSender(SmsSettings settings) {
        if (settings.gateway().equals(SmsSettings.SMPP)) {
            LOG.info("SMS go out through the SMPP gateway {}:{}{}", settings.smpp().host(), settings.smpp().port(),
                    settings.smpp().tls() ? " (TLS)" : "");
            return new SmppSmsSender(settings.smpp());
        }
        LOG.info("SMS stay in the outbox (orgcert.sms.gateway=outbox-only): no gateway is set");
        return new OutboxOnlySmsSender();
    }

    @Bean
    RecurringTask<Void> smsOutboxTask(OutboxDelivery delivery) {
        return Tasks.recurring("sms-outbox", FixedDelay.ofSeconds(30))
                .execute((instance, context) -> delivery.deliverDue());
    }
}
