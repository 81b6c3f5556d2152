package org.orgcert.server.signin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * What the ID token and userinfo say of the employer (docs/signin.md, "Claims"): the USCC as subject, how it signed
 * in, and by scope its name and USCC ({@code employer}) and its certificate ({@code certificate}).
 */
final class SignInClaims {
    static final String ACR = "urn:orgcert:acr:key";
    static final String EMPLOYER_SCOPE = "employer";
    static final String CERTIFICATE_SCOPE = "certificate";

    private SignInClaims() {
    }

    /** Adds the employer's claims to an ID token issued for a sign-in with the key. */
    static void addTo(JwtEncodingContext context) {
        if (!(context.getPrincipal() instanceof KeySignInAuthentication key)) {
            return;
        }
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            of(key.signIn(), context.getAuthorizedScopes()).forEach(context.getClaims()::claim);
            java.time.Instant issued = context.getClaims().build().getIssuedAt();
            context.getClaims().expiresAt(issued.plus(SignInClients.ID_TOKEN_VALIDITY));
        } else {
            context.getClaims().subject(key.signIn().uscc()); // the access token names the employer, not the sign-in
        }
    }

    /** The userinfo answer: the same claims as the ID token. */
    static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        Object principal = context.getAuthorization().getAttribute(java.security.Principal.class.getName());
        if (!(principal instanceof KeySignInAuthentication key)) {
            throw new IllegalStateException("userinfo for something other than a sign-in with the key");
        }
        return new OidcUserInfo(of(key.signIn(), context.getAuthorization().getAuthorizedScopes()));
    }

    static Map<String, Object> of(KeySignIn signIn, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", signIn.uscc());
        claims.put("sid", signIn.id().toString());
        claims.put("acr", ACR);
        claims.put("amr", signIn.amr());
        claims.put("auth_time", signIn.at());
        if (scopes.contains(EMPLOYER_SCOPE)) {
            claims.put("uscc", signIn.uscc());
            claims.put("name", signIn.employerName());
        }
        if (scopes.contains(CERTIFICATE_SCOPE)) {
            claims.put("cert_serial", signIn.serialHex());
            claims.put("cert_not_after", signIn.notAfter().getEpochSecond());
        }
        return claims;
    }
}
