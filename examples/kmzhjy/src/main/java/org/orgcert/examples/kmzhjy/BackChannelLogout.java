package org.orgcert.examples.kmzhjy;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenID Connect Back-Channel Logout 1.0 from OrgCert: when the employer pulls the USB key out or the certificate is
 * revoked, the provider posts a logout token here and the sessions of that sign-in end (docs/signin.md).
 *
 * <p>Why not Spring Security's {@code oidcLogout().backChannel()}: in Spring Security 7.0 it verifies logout tokens
 * as RS256 only, with no setting to change it (spring-security issues 15273 and 19704), and OrgCert signs them ES256
 * like its ID tokens. So this does the specification's checks itself with Spring's own JWT decoder: the signature by
 * the provider's published keys (ES256), {@code iss}, {@code aud} = this client, {@code iat}/{@code exp}, the
 * back-channel logout event, a {@code sid} or {@code sub}, and no {@code nonce}.
 */
@RestController
class BackChannelLogout {
    /** Where ./orgcert serve --demo registered kmzhjy's back-channel logout ({@code <base>/logout/connect/back-channel/orgcert}). */
    static final String PATH = "/logout/connect/back-channel/orgcert";
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogout.class);

    private final JwtDecoder logoutTokens;
    private final SignedInSessions sessions;

    BackChannelLogout(ClientRegistrationRepository registrations, SignedInSessions sessions) {
        this.logoutTokens = decoder(registrations.findByRegistrationId("orgcert"));
        this.sessions = sessions;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, String>> logout(@RequestParam("logout_token") String logoutToken) {
        Jwt token;
        try {
            token = logoutTokens.decode(logoutToken);
        } catch (JwtException refused) {
            LOG.warn("back-channel logout refused: {}", refused.getMessage());
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore())
                    .body(Map.of("error", "invalid_request", "error_description", "the logout token is not valid"));
        }
        int ended = sessions.end(token.getClaimAsString("sid"), token.getSubject());
        LOG.info("back-channel logout from OrgCert: {} session(s) of sign-in {} ended", ended, token.getClaimAsString("sid"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    /** ES256 by the provider's JWK set, with the logout token's checks (Back-Channel Logout 1.0, section 2.6). */
    private static JwtDecoder decoder(ClientRegistration orgCert) {
        // The type is checked below (logout+jwt, as the specification recommends, or JWT), not by Nimbus (JWT only).
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(orgCert.getProviderDetails().getJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256).validateType(false).build();
        JwtTypeValidator type = new JwtTypeValidator("logout+jwt", "JWT");
        type.setAllowEmpty(true);
        String clientId = orgCert.getClientId();
        OAuth2TokenValidator<Jwt> logoutClaims = jwt -> {
            List<String> audience = jwt.getAudience();
            Object events = jwt.getClaims().get("events");
            boolean valid = audience != null && audience.contains(clientId) && jwt.getIssuedAt() != null
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
