package org.orgcert.server.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;

/**
 * Where request text enters the service: JSON strings through {@link PlainTextDeserializer} (the module is
 * registered with the service's JSON mapper), parameters and file names through {@link RequestTextCheck}.
 */
@Configuration(proxyBeanMethods = false)
class WebInputConfiguration implements WebMvcConfigurer {

    @Bean
    JacksonModule plainTextStrings() {
        return new SimpleModule("plain-text-strings").addDeserializer(String.class, new PlainTextDeserializer());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Not on the error dispatch: it answers whatever went wrong, also parameters Tomcat would not read.
        registry.addInterceptor(new RequestTextCheck()).excludePathPatterns("/error");
    }
}
