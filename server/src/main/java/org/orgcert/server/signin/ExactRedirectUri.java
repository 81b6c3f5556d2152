package org.orgcert.server.signin;

import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;

/**
 * A redirect URI must be one the platform registered, character for character. Spring's own check lets any port
 * through for a loopback address (RFC 8252, for native apps); a platform here is a web site, and a code sent to
 * another port of 127.0.0.1 reaches whatever listens there. Refused without a redirect (400), as for any address
 * the platform did not register.
 */
final class ExactRedirectUri implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {
    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        String requested = context.getAuthentication() == null ? null
                : ((org.springframework.security.oauth2.server.authorization.authentication
                        .OAuth2AuthorizationCodeRequestAuthenticationToken) context.getAuthentication()).getRedirectUri();
        if (requested != null && !context.getRegisteredClient().getRedirectUris().contains(requested)) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "redirect_uri is not one the platform registered", null), null);
        }
    }
}
