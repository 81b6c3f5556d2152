package org.orgcert.kit.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orgcert.signin.*}: which OAuth2 client registration is OrgCert's provider, and where its back-channel
 * logout tokens arrive. The registration itself is Spring Boot's
 * ({@code spring.security.oauth2.client.registration.<id>.*} and
 * {@code spring.security.oauth2.client.provider.<id>.issuer-uri}).
 */
@ConfigurationProperties("orgcert.signin")
public class OrgCertSignInProperties {
    /** The client registration id whose users are employers; {@code orgcert} by default. */
    private String registrationId = "orgcert";
    /** The algorithm OrgCert signs ID tokens with (docs/signin.md: ES256); Spring's default would be RS256. */
    private String idTokenAlgorithm = "ES256";
    /** OpenID Connect back-channel logout ({@link OrgCertSignIn#backChannelLogout()}). */
    private final BackChannelLogout backChannelLogout = new BackChannelLogout();

    public String getRegistrationId() {
        return registrationId;
    }

    public void setRegistrationId(String registrationId) {
        this.registrationId = registrationId;
    }

    public String getIdTokenAlgorithm() {
        return idTokenAlgorithm;
    }

    public void setIdTokenAlgorithm(String idTokenAlgorithm) {
        this.idTokenAlgorithm = idTokenAlgorithm;
    }

    public BackChannelLogout getBackChannelLogout() {
        return backChannelLogout;
    }

    /** {@code orgcert.signin.back-channel-logout.*}. */
    public static class BackChannelLogout {
        /**
         * Where the provider posts logout tokens: the path of the {@code backchannel_logout_uri} registered with
         * OrgCert for this platform ({@code <base URL>/logout/connect/back-channel/orgcert} by default).
         */
        private String path = "/logout/connect/back-channel/orgcert";

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }
}
