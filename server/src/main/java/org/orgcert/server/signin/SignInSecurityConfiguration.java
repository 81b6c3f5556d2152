package org.orgcert.server.signin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.PublicUrl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The OpenID Connect provider for relying platforms (docs/signin.md) on Spring Authorization Server, in two filter
 * chains ahead of the portal's:
 * <ol>
 * <li>the protocol endpoints ({@code /oauth2/*}, discovery, JWKS, userinfo), whose only sign-in is the USB key: an
 * unauthenticated authorization request goes to {@code /signin/key};</li>
 * <li>the key sign-in page and its two JSON calls ({@code /signin/**}).</li>
 * </ol>
 * Neither keeps anything in the web session: the pending authorization request travels in the sign-in page's address
 * (the platform's own parameters, which the authorization endpoint checks again when the browser comes back with
 * them), and the key sign-in is found by its own cookie ({@link KeySignInContexts}). So a sign-in writes no session
 * row at any step, and it stays apart from the portal's own sign-in: a staff member or an employer agent signed in to
 * the portal is not signed in here, and signing in with the key does not sign anyone in to the portal.
 */
@Configuration(proxyBeanMethods = false)
class SignInSecurityConfiguration {
    static final String KEY_SIGNIN_PAGE = "/signin/key";
    static final String CONSENT_PAGE = "/signin/consent";

    @Bean
    SigningKeys signInSigningKeys(OrgCertProperties properties, Clock clock,
            @Value("${orgcert.signin.key-folder:}") String keyFolder,
            @Value("${orgcert.signin.key-rotation:P30D}") Duration rotation) {
        Path keys = keyFolder.isBlank() ? properties.dataDir().resolve("keys") : Path.of(keyFolder);
        return new SigningKeys(keys.resolve("signin"), rotation, clock);
    }

    @Bean
    JwtEncoder signInTokenEncoder(SigningKeys keys) {
        return new SignInTokenEncoder(keys);
    }

    @Bean
    com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> signInKeySet(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.published());
    }

    /**
     * Checks access tokens presented to userinfo (the authorization server configures the resource server for it);
     * userinfo then looks the token up in {@link KeySignInAuthorizations}, so a token of an ended sign-in fails there.
     */
    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoder signInTokenDecoder(
            com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keySet) {
        var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext>();
        processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
                com.nimbusds.jose.JWSAlgorithm.ES256, keySet));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Spring's validators check the times
        // Access tokens are typed at+jwt (RFC 9068), which Nimbus does not accept by default.
        processor.setJWSTypeVerifier(new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
                new com.nimbusds.jose.JOSEObjectType("at+jwt"), com.nimbusds.jose.JOSEObjectType.JWT));
        return new org.springframework.security.oauth2.jwt.NimbusJwtDecoder(processor);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> signInClaims() {
        return SignInClaims::addTo;
    }

    /** The issuer is the public URL when one is configured; otherwise Spring takes it from each request's host. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(PublicUrl publicUrl) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        return (publicUrl.configured() ? settings.issuer(publicUrl.base()) : settings).build();
    }

    @Bean
    ProviderOrigins providerOrigins(PublicUrl publicUrl) {
        return new ProviderOrigins(publicUrl);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, SignInClients clients,
            KeySignInAuthorizations authorizations, KeySignInContexts contexts,
            org.springframework.security.crypto.password.PasswordEncoder passwords) throws Exception {
        ClientSecretCheck secrets = new ClientSecretCheck(passwords);
        http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher()))
                .oauth2AuthorizationServer(server -> server
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .authorizationConsentService(new ConsentEveryTime())
                        .authorizationEndpoint(endpoint -> endpoint.consentPage(CONSENT_PAGE)
                                .authenticationProviders(providers -> providers.forEach(p -> {
                                    if (p instanceof org.springframework.security.oauth2.server.authorization.authentication
                                            .OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
                                        request.setAuthenticationValidator(new ExactRedirectUri().andThen(
                                                new org.springframework.security.oauth2.server.authorization.authentication
                                                        .OAuth2AuthorizationCodeRequestAuthenticationValidator()));
                                    }
                                })))
                        .clientAuthentication(client -> client.authenticationProviders(providers -> providers.forEach(p -> {
                            if (p instanceof org.springframework.security.oauth2.server.authorization.authentication
                                    .ClientSecretAuthenticationProvider secret) {
                                secret.setPasswordEncoder(secrets);
                            }
                        })))
                        .oidc(oidc -> oidc.userInfoEndpoint(info -> info.userInfoMapper(SignInClaims::userInfo))
                                .providerConfigurationEndpoint(discovery -> discovery
                                        .providerConfigurationCustomizer(SignInSecurityConfiguration::whatWeDo))))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .securityContext(c -> c.securityContextRepository(contexts))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .exceptionHandling(e -> e.authenticationEntryPoint(SignInSecurityConfiguration::toKeySignInPage));
        SecurityFilterChain chain = http.build();
        // Spring opens a web session at each authorization to name it in the ID token's sid; ours is the sign-in's own
        // id (SignInClaims), so that session would only be a row written per sign-in for nothing.
        chain.getFilters().stream().filter(org.springframework.security.oauth2.server.authorization.web
                .OAuth2AuthorizationEndpointFilter.class::isInstance).forEach(endpoint -> ((org.springframework.security
                .oauth2.server.authorization.web.OAuth2AuthorizationEndpointFilter) endpoint)
                .setSessionAuthenticationStrategy((authentication, request, response) -> { }));
        return chain;
    }

    @Bean
    @Order(2)
    SecurityFilterChain keySignInChain(HttpSecurity http, KeySignInContexts contexts, CsrfTokenRepository csrf)
            throws Exception {
        http.securityMatcher("/signin/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .securityContext(c -> c.securityContextRepository(contexts))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .csrf(c -> c.csrfTokenRepository(csrf));
        return http.build();
    }

    /**
     * Discovery says what this provider does, not Spring's defaults: ES256 ID tokens, the code grant only,
     * back-channel logout with the session id; no end-session endpoint (ID tokens are not kept, so a platform ends
     * its own session, and the key's removal or a revocation ends the provider's).
     */
    static void whatWeDo(org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration.Builder discovery) {
        discovery.claims(claims -> {
            claims.put("id_token_signing_alg_values_supported", java.util.List.of("ES256"));
            claims.put("grant_types_supported", java.util.List.of("authorization_code"));
            claims.put("backchannel_logout_supported", true);
            claims.put("backchannel_logout_session_supported", true);
            claims.remove("end_session_endpoint");
        });
    }

    /**
     * Where an authorization request goes while nobody is signed in with the key: the sign-in page, carrying the
     * request's parameters in its address.
     */
    static void toKeySignInPage(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException refused) throws java.io.IOException {
        String query = request.getQueryString();
        response.sendRedirect(request.getContextPath() + KEY_SIGNIN_PAGE + (query == null ? "" : "?" + query));
    }
}
