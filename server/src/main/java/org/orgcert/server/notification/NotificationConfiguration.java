package org.orgcert.server.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SMS sender unless the deployment declares its own. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    @ConditionalOnMissingBean(SmsSender.class)
    SmsSender outboxOnlySmsSender() {
        return new OutboxOnlySmsSender();
    }
}
