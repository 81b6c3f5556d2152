package org.orgcert.examples.kmzhjy;

import java.net.URI;
import org.orgcert.kit.spring.OrgCertSignIn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what: the home page for everybody, the rest for employers signed in through OrgCert. The sign-in is
 * the kit's ({@link OrgCertSignIn}: the ID token's employer, PKCE), and so is back-channel logout
 * ({@link OrgCertSignIn#backChannelLogout()}: when OrgCert ends the sign-in, the USB key pulled out or the certificate
 * revoked, this platform's session ends too); the only addition is where pages go.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    SecurityFilterChain web(HttpSecurity http, OrgCertSignIn orgCert) throws Exception {
        http.authorizeHttpRequests(pages -> pages
                .requestMatchers("/", "/kmzhjy/**", "/error", "/favicon.ico").permitAll()
                .anyRequest().authenticated());
        http.oauth2Login(login -> {
            orgCert.login().customize(login);
            // The home page has the sign-in button: a visitor who is not signed in, or whose sign-in failed, lands there.
            login.loginPage("/").failureUrl("/?error").successHandler((request, response, authentication) ->
                    response.sendRedirect(request.getContextPath() + "/account"));
        });
        // POST /logout/connect/back-channel/orgcert (where ./orgcert serve --demo registered kmzhjy's back-channel
        // logout): the provider's logout tokens end the sessions of the sign-in they name.
        http.with(orgCert.backChannelLogout());
        http.logout(logout -> logout.logoutSuccessUrl("/?signedout"));
        return http.build();
    }

    @Bean
    FilterRegistrationBean<CanonicalHost> canonicalHost(@Value("${kmzhjy.base-url}") String baseUrl) {
        FilterRegistrationBean<CanonicalHost> registration = new FilterRegistrationBean<>(
                new CanonicalHost(URI.create(baseUrl)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
