package org.orgcert.kit.spring;

import java.util.function.Supplier;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Sign-in with OrgCert for a platform's own {@code SecurityFilterChain}:
 *
 * <pre>
 * &#64;Bean
 * SecurityFilterChain web(HttpSecurity http, OrgCertSignIn orgCert) {
 *     http.authorizeHttpRequests(a -&gt; a.requestMatchers("/").permitAll().anyRequest().authenticated());
 *     http.oauth2Login(orgCert.login());
 *     http.with(orgCert.backChannelLogout()); // optional: OrgCert ends the sign-in, the session ends too
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
    private final ClientRegistrationRepository registrations;
    private final OrgCertSignInProperties properties;
    private final SignedInSessions sessions;
    private volatile JwtDecoder logoutTokens;

    /** Sign-in only: {@link #backChannelLogout()} is not available. */
    public OrgCertSignIn(EmployerOidcUserService userService, OAuth2AuthorizationRequestResolver resolver) {
        this(userService, resolver, null, null, null);
    }

    public OrgCertSignIn(EmployerOidcUserService userService, OAuth2AuthorizationRequestResolver resolver,
            ClientRegistrationRepository registrations, OrgCertSignInProperties properties, SignedInSessions sessions) {
        this.userService = userService;
        this.resolver = resolver;
        this.registrations = registrations;
        this.properties = properties;
        this.sessions = sessions;
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

    /**
     * For {@code http.with(...)}, beside {@code http.oauth2Login(orgCert.login())}: OpenID Connect back-channel
     * logout from OrgCert (the employer pulled the USB key out, the certificate was revoked: the provider ends the
     * sign-in and posts a logout token). The sessions signed in through OrgCert are recorded with their ID token's
     * {@code sid} and {@code sub} (the platform's own success handler stays), and
     * {@code POST orgcert.signin.back-channel-logout.path} ({@code /logout/connect/back-channel/orgcert} by default;
     * register {@code <base URL><path>} as the platform's back-channel logout URI with OrgCert) checks the logout
     * token and ends those sessions; it needs no CSRF token and no sign-in (see {@link OrgCertBackChannelLogout}).
     *
     * @throws IllegalStateException when there is no client registration for OrgCert or it has no issuer URI
     */
    public OrgCertBackChannelLogout backChannelLogout() {
        if (registrations == null || properties == null || sessions == null) {
            throw new IllegalStateException("back-channel logout needs the starter's OrgCertSignIn bean "
                    + "(a ClientRegistrationRepository with OrgCert's registration)");
        }
        ClientRegistration orgCert = registrations.findByRegistrationId(properties.getRegistrationId());
        if (orgCert == null || orgCert.getProviderDetails().getIssuerUri() == null
                || orgCert.getProviderDetails().getJwkSetUri() == null) {
            throw new IllegalStateException("back-channel logout needs the client registration '"
                    + properties.getRegistrationId() + "' with its provider's issuer-uri");
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(properties.getIdTokenAlgorithm());
        if (algorithm == null) {
            throw new IllegalStateException("orgcert.signin.id-token-algorithm '" + properties.getIdTokenAlgorithm()
                    + "' is not a JWS signature algorithm");
        }
        Supplier<JwtDecoder> decoder = () -> {
            JwtDecoder made = logoutTokens;
            if (made == null) {
                made = BackChannelLogoutFilter.decoder(orgCert, algorithm);
                logoutTokens = made;
            }
            return made;
        };
        return new OrgCertBackChannelLogout(properties.getRegistrationId(), properties.getBackChannelLogout().getPath(),
                decoder, sessions);
    }
}
