package org.orgcert.server.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The portal's web set-up: the language of a request ({@link LanguageCookie}, replacing Spring Boot's
 * {@code Accept-Language} resolver by bean name) and the {@code ?lang=} switch on the portal's pages.
 */
@Configuration(proxyBeanMethods = false)
class PortalWebConfiguration implements WebMvcConfigurer {
    private final LanguageCookie language = new LanguageCookie();

    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return language;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch(language)).addPathPatterns(PortalPaths.PUBLIC)
                .addPathPatterns("/portal/**")
                .addPathPatterns("/staff", "/staff/**")
                .addPathPatterns(PortalPaths.MY, "/my/**");
    }
}
