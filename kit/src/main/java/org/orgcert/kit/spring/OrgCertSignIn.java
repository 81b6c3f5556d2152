package org.orgcert.kit.spring;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;

/**
 * Sign-in with OrgCert for a platform's own {@code SecurityFilterChain}:
 *
 * <pre>
 * &#64;Bean
 * SecurityFilterChain web(HttpSecurity http, OrgCertSignIn orgCert) {
 *     http.authorizeHttpRequests(a -&gt; a.requestMatchers("/").permitAll().anyRequest().authenticated());
 *     http.oauth2Login(orgCert.login());
 *     return http.build();
 * }
 * </pre>
 *
 * It sets the pieces explicitly (the employer user service, the PKCE request resolver), so it works also when
 * the application has other beans of those types. A platform that defines no {@code SecurityFilterChain} needs
 * none of this: Spring Boot's default chain for OAuth2 clients picks up the starter's beans.
 */
public final class OrgCertSignIn {
    private final EmployerOidcUserService userService;
    private final OAuth2AuthorizationRequestResolver resolver;

    public OrgCertSignIn(EmployerOidcUserService userService, OAuth2AuthorizationRequestResolver resolver) {
        this.userService = userService;
        this.resolver = resolver;
    }

    /** For {@code http.oauth2Login(...)}: employers as {@link EmployerPrincipal}, PKCE on every request. */
    public Customizer<OAuth2LoginConfigurer<HttpSecurity>> login() {
        return login -> {
            login.userInfoEndpoint(userInfo -> userInfo.oidcUserService(userService));
            if (resolver != null) {
                login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver));
            }
        };
    }
}
