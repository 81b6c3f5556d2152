package org.orgcert.server.platform;

/**
 * A platform just registered or given a new secret, with that secret in clear: the one time it is shown
 * (to the administrator, to hand to the platform). Not kept anywhere; its {@code toString} hides it.
 *
 * @param secret null for a public client
 */
public record PlatformWithSecret(RelyingPlatform platform, String secret) {
    @Override
    public String toString() {
        return "PlatformWithSecret[" + platform.clientId() + ", secret " + (secret == null ? "none" : "hidden") + "]";
    }
}
