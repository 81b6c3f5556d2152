package org.orgcert.server.platform;

import java.util.List;

/**
 * A change of a platform, made on the version it was read at. A null field stays as it is; an empty
 * {@code backchannelLogoutUri} removes it. The client id and the authentication method never change (another
 * method is another client: register it anew).
 *
 * @param version the version read; a platform changed since is refused ({@code platform-changed})
 */
public record PlatformChanges(long version, String name, List<String> redirectUris,
        List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes,
        Boolean requireConsent) {
}
