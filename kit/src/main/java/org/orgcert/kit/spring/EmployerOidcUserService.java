package org.orgcert.kit.spring;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Spring Security's OIDC user service, with the users of OrgCert's registration turned into
 * {@link EmployerPrincipal}s (and refused without a valid USCC). Other registrations pass through unchanged,
 * so a platform can offer other providers beside OrgCert.
 */
public final class EmployerOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OAuth2UserService<OidcUserRequest, OidcUser> delegate;
    private final String registrationId;

    public EmployerOidcUserService(String registrationId) {
        this(new OidcUserService(), registrationId);
    }

    public EmployerOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> delegate, String registrationId) {
        this.delegate = delegate;
        this.registrationId = registrationId;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        return request.getClientRegistration().getRegistrationId().equals(registrationId)
                ? EmployerPrincipal.of(user) : user;
    }
}
