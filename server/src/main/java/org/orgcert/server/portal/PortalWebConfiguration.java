package org.orgcert.server.portal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The portal's web set-up: the language of a request ({@link LanguageCookie}, replacing Spring Boot's
 * {@code Accept-Language} resolver by bean name), the {@code ?lang=} switch on the portal's pages, and the
 * upload forms' answer to a file beyond the servlet's limit ({@link UploadLimitFilter}).
 */
@Configuration(proxyBeanMethods = false)
class PortalWebConfiguration implements WebMvcConfigurer {
    private final LanguageCookie language = new LanguageCookie();

    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return language;
    }

    /** Ahead of Spring Security, whose CSRF check would otherwise refuse the unparsed form first. */
    @Bean
    FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter(
            @Value("${spring.servlet.multipart.max-file-size}") DataSize maxFileSize) {
        FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(
                new UploadLimitFilter(maxFileSize.toBytes()));
        registration.setName("uploadLimitFilter");
        registration.addUrlPatterns("/my/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch(language)).addPathPatterns(PortalPaths.PUBLIC)
                .addPathPatterns("/portal/**")
                .addPathPatterns("/staff", "/staff/**")
                .addPathPatterns(PortalPaths.MY, "/my/**");
    }
}
