package org.orgcert.server.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What a client may hold of the service: the time a request body may take ({@link RequestBodyTimeLimit},
 * right after the OCSP filter and before Spring Security). The connector's own timeouts and connection limit
 * are in {@code application.properties} (block "connections").
 */
@Configuration(proxyBeanMethods = false)
class HttpLimitsConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyTimeLimit> requestBodyTimeLimit(
            @Value("${orgcert.http.body-time:10s}") Duration bodyTime,
            @Value("${orgcert.http.body-min-rate:8192}") long bytesPerSecond,
            @Value("${orgcert.http.body-readers:100}") int readers) {
        FilterRegistrationBean<RequestBodyTimeLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyTimeLimit(new BodyDeadline(bodyTime, bytesPerSecond), System::nanoTime, readers));
        registration.setName("requestBodyTimeLimit");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
