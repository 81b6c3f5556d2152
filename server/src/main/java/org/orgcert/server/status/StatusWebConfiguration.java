package org.orgcert.server.status;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RFC 6960 A.1 GET requests URL-encode base64, whose '/' becomes {@code %2F}; Tomcat refuses encoded
 * slashes by default. Passing them through leaves the path segment intact for {@link OcspRequests#fromPath}.
 */
@Configuration(proxyBeanMethods = false)
class StatusWebConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesForOcspGet() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
