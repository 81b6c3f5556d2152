package org.orgcert.server.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.orgcert.pki.Pki;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs the provider's JWTs (ID tokens, logout tokens) with the current {@link SigningKeys} key, ES256 through
 * Bouncy Castle: the JDK's ECDSA signs about six times slower (docs: PKI facts), and a sign-in signs one token.
 */
final class SignInTokenEncoder implements JwtEncoder {
    private final SigningKeys keys;

    SignInTokenEncoder(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        SigningKeys.SigningKey key = keys.current();
        JwtClaimsSet claims = parameters.getClaims();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
        for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
            set.claim(claim.getKey(), nimbusValue(claim.getValue()));
        }
        String type = parameters.getJwsHeader() == null ? null : (String) parameters.getJwsHeader().getHeaders().get("typ");
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid())
                .type(new JOSEObjectType(type == null ? "JWT" : type)).build();
        SignedJWT jwt = new SignedJWT(header, set.build());
        try {
            ECDSASigner signer = new ECDSASigner(key.privateKey(), com.nimbusds.jose.jwk.Curve.P_256);
            signer.getJCAContext().setProvider(Pki.provider());
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new JwtEncodingException("cannot sign a token", e);
        }
        return new Jwt(jwt.serialize(), claims.getIssuedAt(), claims.getExpiresAt(), header.toJSONObject(), claims.getClaims());
    }

    /** Nimbus writes dates as seconds, URLs as text; Spring's claims hold Instants and URLs. */
    private static Object nimbusValue(Object value) {
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof URL url) {
            return url.toString();
        }
        return value;
    }
}
