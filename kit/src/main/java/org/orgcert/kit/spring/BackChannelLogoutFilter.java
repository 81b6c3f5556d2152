package org.orgcert.kit.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0): {@code POST <path>} with the form
 * parameter {@code logout_token}. It answers the request itself, ahead of the chain's CSRF filter and its
 * authorization (the provider posts from its server, with no session or CSRF token: the signed token is the
 * proof): {@code 200} when the token is valid (and the sessions of that sign-in have ended),
 * {@code 400 invalid_request} otherwise, ending nothing.
 */
final class BackChannelLogoutFilter extends OncePerRequestFilter {
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Log LOG = LogFactory.getLog(BackChannelLogoutFilter.class);

    private final RequestMatcher endpoint;
    private final JwtDecoder logoutTokens;
    private final SignedInSessions sessions;

    BackChannelLogoutFilter(String path, JwtDecoder logoutTokens, SignedInSessions sessions) {
        this.endpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
        this.logoutTokens = logoutTokens;
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!endpoint.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        String logoutToken = request.getParameter("logout_token");
        Jwt token;
        try {
            if (logoutToken == null || logoutToken.isBlank()) {
                throw new JwtException("no logout_token");
            }
            token = logoutTokens.decode(logoutToken);
        } catch (JwtException refused) {
            LOG.warn("back-channel logout refused: " + refused.getMessage());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(
                    "{\"error\":\"invalid_request\",\"error_description\":\"the logout token is not valid\"}");
            return;
        }
        String sid = token.getClaimAsString("sid");
        int ended = sessions.end(sid, token.getSubject());
        LOG.info("back-channel logout from OrgCert: " + ended + " session(s) of sign-in " + sid + " ended");
        response.setStatus(HttpServletResponse.SC_OK);
    }

    /**
     * Logout tokens of {@code orgCert}'s provider: signed with {@code algorithm} by a key of the provider's JWK set,
     * and the checks of Back-Channel Logout 1.0 (section 2.6): {@code iss} the provider, {@code aud} holding this
     * client, {@code iat} and {@code exp} (not expired, 60 s of clock skew), {@code typ} {@code logout+jwt} or
     * {@code JWT} (or none), the back-channel logout event, a {@code sid} or a {@code sub}, and no {@code nonce}.
     */
    static JwtDecoder decoder(ClientRegistration orgCert, SignatureAlgorithm algorithm) {
        // The type is checked below (logout+jwt, as the specification recommends, or JWT), not by Nimbus (JWT only).
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(orgCert.getProviderDetails().getJwkSetUri())
                .jwsAlgorithm(algorithm).validateType(false).build();
        JwtTypeValidator type = new JwtTypeValidator("logout+jwt", "JWT");
        type.setAllowEmpty(true);
        String clientId = orgCert.getClientId();
        OAuth2TokenValidator<Jwt> logoutClaims = jwt -> {
            List<String> audience = jwt.getAudience();
            Object events = jwt.getClaims().get("events");
            boolean valid = audience != null && audience.contains(clientId)
                    && jwt.getIssuedAt() != null && jwt.getExpiresAt() != null
                    && events instanceof Map<?, ?> named && named.containsKey(EVENT)
                    && (jwt.getClaimAsString("sid") != null || jwt.getSubject() != null)
                    && !jwt.hasClaim("nonce");
            return valid ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_request", "not a logout token for " + clientId, null));
        };
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(orgCert.getProviderDetails().getIssuerUri()), type, logoutClaims));
        return decoder;
    }
}
