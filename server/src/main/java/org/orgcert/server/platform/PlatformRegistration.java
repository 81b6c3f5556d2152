package org.orgcert.server.platform;

import java.util.List;

/**
 * A new platform as typed (API body or staff form): checked as a whole by {@link RelyingPlatforms#register}, which
 * names every field's problem at once.
 *
 * @param clientAuthentication {@code client_secret_basic} (we generate the secret) or {@code none}
 */
public record PlatformRegistration(String clientId, String name, List<String> redirectUris,
        List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes, boolean requireConsent,
        String clientAuthentication) {
}
