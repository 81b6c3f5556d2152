package org.orgcert.kit.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

/**
 * Signs employers in through OrgCert's OpenID Connect provider (docs/signin.md, "The kit"): for the client
 * registration {@code orgcert.signin.registration-id} ({@code orgcert} by default) it maps the ID token to an
 * {@link EmployerPrincipal} (refusing one without a valid USCC), sends every authorization request with PKCE
 * (S256; OrgCert requires it of every client, Spring Security adds it only for public clients) and expects
 * ES256 ID tokens. Spring Boot's default security chain for OAuth2 clients and any {@code oauth2Login}
 * with defaults pick these beans up; {@link OrgCertSignIn} sets them explicitly, and adds OpenID Connect
 * back-channel logout to a platform's own chain ({@link OrgCertSignIn#backChannelLogout()}, with the
 * {@link SignedInSessions} declared here).
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
        beforeName = "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration")
@ConditionalOnClass(name = {
    "org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService",
    "org.springframework.security.config.annotation.web.builders.HttpSecurity"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OrgCertSignInProperties.class)
public class OrgCertSignInAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EmployerOidcUserService employerOidcUserService(OrgCertSignInProperties properties) {
        return new EmployerOidcUserService(properties.getRegistrationId());
    }

    /** ES256 for OrgCert's ID tokens; RS256 (Spring's default) for other registrations. */
    @Bean
    @ConditionalOnMissingBean(JwtDecoderFactory.class)
    JwtDecoderFactory<ClientRegistration> orgCertIdTokenDecoderFactory(OrgCertSignInProperties properties) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(properties.getIdTokenAlgorithm());
        if (algorithm == null) {
            throw new IllegalStateException("orgcert.signin.id-token-algorithm '" + properties.getIdTokenAlgorithm()
                    + "' is not a JWS signature algorithm");
        }
        OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
        factory.setJwsAlgorithmResolver(registration -> registration.getRegistrationId()
                .equals(properties.getRegistrationId()) ? algorithm : SignatureAlgorithm.RS256);
        return factory;
    }

    /** PKCE (S256) on OrgCert's authorization requests, whatever the client's authentication method. */
    @Bean
    @ConditionalOnBean(ClientRegistrationRepository.class)
    @ConditionalOnMissingBean(OAuth2AuthorizationRequestResolver.class)
    OAuth2AuthorizationRequestResolver orgCertAuthorizationRequestResolver(ClientRegistrationRepository registrations,
            OrgCertSignInProperties properties) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                DefaultOAuth2AuthorizationRequestResolver.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        var pkce = OAuth2AuthorizationRequestCustomizers.withPkce();
        resolver.setAuthorizationRequestCustomizer(builder -> {
            String[] registrationId = new String[1];
            builder.attributes(attributes -> registrationId[0] = (String) attributes.get(OAuth2ParameterNames.REGISTRATION_ID));
            if (properties.getRegistrationId().equals(registrationId[0])) {
                pkce.accept(builder);
            }
        });
        return resolver;
    }

    /** The sessions signed in through OrgCert, for back-channel logout; also the container's session listener. */
    @Bean
    @ConditionalOnMissingBean
    SignedInSessions orgCertSignedInSessions() {
        return new SignedInSessions();
    }

    @Bean
    @ConditionalOnMissingBean
    OrgCertSignIn orgCertSignIn(EmployerOidcUserService userService,
            ObjectProvider<OAuth2AuthorizationRequestResolver> resolver,
            ObjectProvider<ClientRegistrationRepository> registrations, OrgCertSignInProperties properties,
            SignedInSessions sessions) {
        return new OrgCertSignIn(userService, resolver.getIfUnique(), registrations.getIfUnique(), properties, sessions);
    }
}
