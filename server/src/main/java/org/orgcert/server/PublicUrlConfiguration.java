package org.orgcert.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The deployment's {@link PublicUrl}, logged once at start-up. */
@Configuration(proxyBeanMethods = false)
class PublicUrlConfiguration {

    @Bean
    PublicUrl publicUrl(Environment environment) {
        PublicUrl publicUrl = PublicUrl.of(environment);
        publicUrl.log();
        return publicUrl;
    }
}
