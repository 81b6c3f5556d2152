package org.orgcert.server.platform;

import java.time.Instant;
import java.util.List;

/**
 * A registered relying platform as everyone may see it: never its secret, nor the secret's hash.
 *
 * @param clientId               the OIDC client id, {@code [a-z0-9-]{3,40}}, never changed
 * @param name                   the name employers see (Chinese), e.g. 昆明智慧就业
 * @param redirectUris           where the provider may send the authorization code (exact match)
 * @param postLogoutRedirectUris where the provider may send the browser after RP-initiated logout
 * @param backchannelLogoutUri   where the provider posts logout tokens when the key is removed; null: none
 * @param scopes                 the scopes it may ask for, in {@link #SCOPES} order; always {@code openid}
 * @param requireConsent         whether the employer confirms which data goes to the platform
 * @param authentication         how it authenticates at the token endpoint
 * @param secretSetAt            when its secret was generated (registration or rotation); null for a public client
 * @param enabled                a disabled platform is unknown to the provider
 * @param version                for compare-and-set changes
 */
public record RelyingPlatform(String clientId, String name, List<String> redirectUris,
        List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes, boolean requireConsent,
        ClientAuthentication authentication, Instant secretSetAt, boolean enabled, Instant createdAt,
        Instant updatedAt, long version) {

    /** The scopes a platform may be given (docs/signin.md says which claims each brings). */
    public static final List<String> SCOPES = List.of("openid", "employer", "certificate");

    public RelyingPlatform {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        scopes = List.copyOf(scopes);
    }
}
