package org.orgcert.server.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

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
            @Value("${orgcert.http.body-time-cap:60s}") Duration bodyTimeCap,
            @Value("${orgcert.http.body-readers:100}") int readers,
            @Value("${orgcert.http.body-readers-for-small:20}") int readersForSmall,
            @Value("${orgcert.http.body-readers-per-client:10}") int readersPerClient,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxRequestSize,
            @Value("${server.tomcat.max-part-count:50}") int maxPartCount,
            @Value("${server.tomcat.max-part-header-size:512B}") DataSize maxPartHeaderSize,
            @Value("${server.tomcat.max-swallow-size:2MB}") DataSize maxSwallowSize) {
        // Multipart bodies are parsed by the filter, not the container: the servlet's limits go with them. Parts
        // above 256 KiB spill to disk, so a hundred uploads being read do not hold a hundred times 13 MB.
        RequestBodyTimeLimit.Uploads uploads = new RequestBodyTimeLimit.Uploads(maxFileSize.toBytes(),
                maxRequestSize.toBytes(), 256 * 1024, maxPartCount, (int) maxPartHeaderSize.toBytes(),
                maxSwallowSize.toBytes());
        FilterRegistrationBean<RequestBodyTimeLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyTimeLimit(new BodyDeadline(bodyTime, bytesPerSecond, bodyTimeCap), System::nanoTime,
                        new BodyReaders(readers, readersForSmall, readersPerClient), uploads));
        registration.setName("requestBodyTimeLimit");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Refused bodies are not drained by Tomcat after the answer ({@link RefusedBodyNotDrained}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusedBodyNotDrained() {
        return factory -> factory.addContextValves(new RefusedBodyNotDrained());
    }
}
