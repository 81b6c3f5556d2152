package org.orgcert.server.time;

import java.time.Clock;
import org.orgcert.server.CommandContextPart;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every capability asks for the time: UTC instants (deadlines are computed on Asia/Shanghai
 * dates by the calendar). Tests replace it with a clock they move by hand.
 */
@CommandContextPart
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
