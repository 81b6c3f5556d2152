package org.orgcert.server.status;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How the status services sit in the web server.
 *
 * <ul>
 *   <li>RFC 6960 A.1 GET requests URL-encode base64, whose '/' becomes {@code %2F}; Tomcat refuses encoded
 *       slashes by default. Passing them through leaves the path segment intact for
 *       {@link OcspRequests#fromPath}.</li>
 *   <li>OCSP is answered by {@link OcspFilter}, the first filter of every request, so it never passes
 *       through Spring Security, Spring Session or the DispatcherServlet (no session is ever looked up or
 *       created for it). Its count is the metric {@code orgcert.status.ocsp.responses}.</li>
 * </ul>
 * Keep-alive for relying platforms' persistent connections is set in {@code application.properties}
 * (block "status").
 */
@Configuration(proxyBeanMethods = false)
class StatusWebConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesForOcspGet() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Bean
    FilterRegistrationBean<OcspFilter> ocspFilter(OcspResponders responders, ObjectProvider<MeterRegistry> meters,
            @Value("${orgcert.http.body-time:10s}") Duration bodyTime) {
        OcspFilter filter = new OcspFilter(responders, bodyTime);
        meters.ifAvailable(registry -> FunctionCounter.builder("orgcert.status.ocsp.responses", filter,
                OcspFilter::answered).description("OCSP requests answered over HTTP").register(registry));
        FilterRegistrationBean<OcspFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("ocspFilter");
        registration.addUrlPatterns("/status/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        // A slow POST body is read with non-blocking I/O (OcspBodyReader), which needs async support.
        registration.setAsyncSupported(true);
        return registration;
    }
}
