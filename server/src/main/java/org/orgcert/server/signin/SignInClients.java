package org.orgcert.server.signin;

import java.time.Duration;
import org.orgcert.server.platform.PlatformClients;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The registered platforms as the provider serves them: what a platform registered (its redirect URIs, scopes,
 * consent; {@link PlatformClients}) under the provider's one token policy, which no registration can loosen: the
 * code flow only, PKCE always, a code valid one minute, an access token valid five minutes (a JWT, but userinfo looks
 * it up too, so there it stops working the moment its sign-in ends), an ES256 ID token, no refresh token. Primary: whoever asks Spring for
 * the registered clients gets them under this policy.
 */
@Component
@org.springframework.context.annotation.Primary
class SignInClients implements RegisteredClientRepository {
    static final Duration CODE_VALIDITY = Duration.ofMinutes(1);
    static final Duration ACCESS_VALIDITY = Duration.ofMinutes(5);
    /** An ID token's life ({@link SignInClaims} sets it: Spring's token settings have no such setting). */
    static final Duration ID_TOKEN_VALIDITY = Duration.ofMinutes(5);

    private final PlatformClients platforms;

    SignInClients(PlatformClients platforms) {
        this.platforms = platforms;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("platforms are registered by a bureau administrator (RelyingPlatforms)");
    }

    @Override
    public RegisteredClient findById(String id) {
        return underPolicy(platforms.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return underPolicy(platforms.findByClientId(clientId));
    }

    /** Where platform {@code clientId} takes back-channel logout tokens (enabled or not), or null for none. */
    java.net.URI backChannelLogoutUri(String clientId) {
        return platforms.backchannelLogoutUri(clientId).map(java.net.URI::create).orElse(null);
    }

    private static RegisteredClient underPolicy(RegisteredClient registered) {
        if (registered == null) {
            return null;
        }
        return RegisteredClient.from(registered)
                .authorizationGrantTypes(grants -> {
                    grants.clear();
                    grants.add(AuthorizationGrantType.AUTHORIZATION_CODE);
                })
                .clientSettings(ClientSettings.withSettings(registered.getClientSettings().getSettings())
                        .requireProofKey(true).build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(CODE_VALIDITY)
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(ACCESS_VALIDITY)
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
                        .build())
                .build();
    }
}
