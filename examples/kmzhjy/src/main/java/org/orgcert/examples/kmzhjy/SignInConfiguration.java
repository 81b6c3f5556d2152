package org.orgcert.examples.kmzhjy;

import java.net.URI;
import org.orgcert.kit.spring.OrgCertSignIn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what: the home page for everybody, the rest for employers signed in through OrgCert. The sign-in is
 * the kit's ({@link OrgCertSignIn}: the ID token's employer, PKCE); the only additions are where pages go, and
 * back-channel logout ({@link BackChannelLogout}), so that when OrgCert ends the sign-in (the USB key pulled out,
 * the certificate revoked) this platform's session ends too.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    SecurityFilterChain web(HttpSecurity http, OrgCertSignIn orgCert, SignedInSessions sessions) throws Exception {
        http.authorizeHttpRequests(pages -> pages
                .requestMatchers("/", "/kmzhjy/**", "/error", "/favicon.ico").permitAll()
                .requestMatchers(HttpMethod.POST, BackChannelLogout.PATH).permitAll()
                .anyRequest().authenticated());
        http.oauth2Login(login -> {
            orgCert.login().customize(login);
            // The home page has the sign-in button: a visitor who is not signed in, or whose sign-in failed, lands there.
            login.loginPage("/").failureUrl("/?error").successHandler((request, response, authentication) -> {
                sessions.signedIn((OidcUser) authentication.getPrincipal(), request.getSession());
                response.sendRedirect(request.getContextPath() + "/account");
            });
        });
        // The provider posts logout tokens from its server, without this site's CSRF token: the signed token is the proof.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(BackChannelLogout.PATH));
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
