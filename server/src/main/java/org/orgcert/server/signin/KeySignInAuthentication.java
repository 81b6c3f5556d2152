package org.orgcert.server.signin;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The employer, signed in to the provider with its USB key. Found by the browser's own sign-in cookie
 * ({@link KeySignInContexts}), apart from a staff or agent sign-in to the portal, so that only a sign-in with the key
 * ever authorizes a relying platform.
 */
public final class KeySignInAuthentication extends AbstractAuthenticationToken {
    public static final String AUTHORITY = "KEY_SIGNIN";
    private final KeySignIn signIn;

    KeySignInAuthentication(KeySignIn signIn) {
        // The X.509 factor, with when it was proved: Spring puts that time into the ID token's auth_time.
        super(List.of(new SimpleGrantedAuthority(AUTHORITY), FactorGrantedAuthority
                .withAuthority(FactorGrantedAuthority.X509_AUTHORITY).issuedAt(signIn.at()).build()));
        this.signIn = signIn;
        setAuthenticated(true);
    }

    public KeySignIn signIn() {
        return signIn;
    }

    /** The sign-in's id: what the provider's authorizations name as principal. */
    @Override
    public String getName() {
        return signIn.id().toString();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return signIn;
    }
}
