package org.orgcert.server.signin;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * A platform that registered "the employer confirms" asks every time: the employer sees which of its data goes to
 * which platform at each sign-in, as with a USB-key prompt, rather than once and never again. So nothing is kept.
 */
final class ConsentEveryTime implements OAuth2AuthorizationConsentService {
    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        // nothing kept: the next sign-in asks again
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        // nothing kept
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return null;
    }
}
