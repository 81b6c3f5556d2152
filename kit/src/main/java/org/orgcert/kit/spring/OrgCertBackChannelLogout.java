package org.orgcert.kit.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * OpenID Connect back-channel logout from OrgCert for a platform's own {@code SecurityFilterChain}, in one line
 * next to the sign-in ({@code http.with(orgCert.backChannelLogout())}, see {@link OrgCertSignIn#backChannelLogout()}):
 * <ul>
 * <li>each session signed in through OrgCert's registration is recorded in {@link SignedInSessions} with its ID
 * token's {@code sid} and {@code sub}, by a session authentication strategy run after the chain's own (session
 * fixation protection): the platform's success handler, login page, failure URL stay as they are;</li>
 * <li>{@code POST <orgcert.signin.back-channel-logout.path>} takes logout tokens, checks them (ES256 by the
 * provider's JWK set, {@code iss}, {@code aud}, {@code iat}/{@code exp}, {@code typ}, the event, {@code sid} or
 * {@code sub}, no {@code nonce}) and ends the sessions of the sign-in they name. The endpoint is answered ahead of
 * the chain's CSRF filter and authorization rules, so the platform exempts nothing itself.</li>
 * </ul>
 * Needs {@code http.oauth2Login(...)} in the same chain.
 */
public final class OrgCertBackChannelLogout extends AbstractHttpConfigurer<OrgCertBackChannelLogout, HttpSecurity> {
    private final String registrationId;
    private final String path;
    private final Supplier<JwtDecoder> logoutTokens;
    private final SignedInSessions sessions;

    OrgCertBackChannelLogout(String registrationId, String path, Supplier<JwtDecoder> logoutTokens,
            SignedInSessions sessions) {
        this.registrationId = registrationId;
        this.path = path;
        this.logoutTokens = logoutTokens;
        this.sessions = sessions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(HttpSecurity http) {
        OAuth2LoginConfigurer<HttpSecurity> login = http.getConfigurer(OAuth2LoginConfigurer.class);
        if (login == null) {
            throw new IllegalStateException("OrgCert's back-channel logout needs http.oauth2Login(orgCert.login()) "
                    + "in the same SecurityFilterChain");
        }
        // The login filter gets the chain's session strategy (fixation protection, …) before it is post-processed:
        // ours runs after it, so it records the session the employer keeps.
        login.addObjectPostProcessor(new ObjectPostProcessor<OAuth2LoginAuthenticationFilter>() {
            @Override
            public <O extends OAuth2LoginAuthenticationFilter> O postProcess(O filter) {
                SessionAuthenticationStrategy chains = http.getSharedObject(SessionAuthenticationStrategy.class);
                filter.setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(
                        chains != null ? chains : new NullAuthenticatedSessionStrategy(), OrgCertBackChannelLogout.this::record)));
                return filter;
            }
        });
    }

    @Override
    public void configure(HttpSecurity http) {
        http.addFilterBefore(new BackChannelLogoutFilter(path, logoutTokens.get(), sessions), CsrfFilter.class);
    }

    private void record(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (authentication instanceof OAuth2AuthenticationToken token
                && registrationId.equals(token.getAuthorizedClientRegistrationId())
                && token.getPrincipal() instanceof OidcUser user) {
            sessions.signedIn(user, request.getSession());
        }
    }
}
