package org.orgcert.server.signin;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where Spring Authorization Server keeps an authorization between the employer's sign-in and the platform's token
 * request, and the tokens it issued (table {@code signin_authorization}).
 *
 * <p>Spring's own JDBC store keeps codes and access tokens in clear and the principal as polymorphic JSON; here a
 * code, an access token or a consent state is kept only as its SHA-256, and found by hashing what the caller
 * presents: the rebuilt authorization carries the presented value, and a token of another kind appears only with a
 * placeholder value, enough to invalidate it when a code is used twice (RFC 6749 4.1.2). The principal is the key
 * sign-in, read from {@code key_signin}: a sign-in that has ended (key removed, certificate revoked) finds nothing,
 * so its code and tokens stop working at once.
 */
@Service
class KeySignInAuthorizations implements OAuth2AuthorizationService {
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    /** Stands for a token whose value is not kept; never a real token's value (those are long random strings). */
    private static final String NOT_KEPT = "not-kept";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final SignInClients clients;
    private final KeySignIns signIns;
    private final Clock clock;

    KeySignInAuthorizations(JdbcTemplate jdbc, SignInClients clients, KeySignIns signIns, Clock clock) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.signIns = signIns;
        this.clock = clock;
    }

    /** One transaction: the sign-in marked used and the code recorded commit together, with one flush to disk. */
    @Override
    @org.springframework.transaction.annotation.Transactional
    public void save(OAuth2Authorization authorization) {
        KeySignInAuthentication principal = principalOf(authorization);
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        // A code being issued (not one being spent at the token endpoint, which Spring invalidates first).
        if (code != null && !code.isInvalidated() && !NOT_KEPT.equals(code.getToken().getTokenValue())
                && !signIns.markAuthorized(principal.signIn().id())) {
            // Another request used the sign-in meanwhile: one confirmation in the assistant, one code (this one rolls back).
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    "the sign-in has already authorized its platform", null));
        }
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        var idToken = authorization.getToken(OidcIdToken.class);
        jdbc.update("INSERT INTO signin_authorization (id, client_id, key_signin_id, scopes, request, state_hash,"
                + " code_hash, code_issued_at, code_expires_at, code_invalidated,"
                + " access_hash, access_issued_at, access_expires_at, access_scopes, access_invalidated,"
                + " id_token_issued_at, id_token_issuer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET scopes = excluded.scopes, state_hash = excluded.state_hash,"
                + " code_hash = coalesce(excluded.code_hash, signin_authorization.code_hash),"
                + " code_issued_at = coalesce(excluded.code_issued_at, signin_authorization.code_issued_at),"
                + " code_expires_at = coalesce(excluded.code_expires_at, signin_authorization.code_expires_at),"
                + " code_invalidated = signin_authorization.code_invalidated OR excluded.code_invalidated,"
                + " access_hash = coalesce(excluded.access_hash, signin_authorization.access_hash),"
                + " access_issued_at = coalesce(excluded.access_issued_at, signin_authorization.access_issued_at),"
                + " access_expires_at = coalesce(excluded.access_expires_at, signin_authorization.access_expires_at),"
                + " access_scopes = coalesce(excluded.access_scopes, signin_authorization.access_scopes),"
                + " access_invalidated = signin_authorization.access_invalidated OR excluded.access_invalidated,"
                + " id_token_issued_at = coalesce(excluded.id_token_issued_at, signin_authorization.id_token_issued_at),"
                + " id_token_issuer = coalesce(excluded.id_token_issuer, signin_authorization.id_token_issuer)",
                authorization.getId(), authorization.getRegisteredClientId(), principal.signIn().id(),
                String.join(" ", authorization.getAuthorizedScopes()), requestJson(authorization),
                state == null ? null : hash(state),
                code == null ? null : hash(code.getToken()), issuedAt(code), expiresAt(code), code != null && code.isInvalidated(),
                access == null ? null : hash(access.getToken()), issuedAt(access), expiresAt(access),
                access == null ? null : String.join(" ", access.getToken().getScopes()),
                access != null && access.isInvalidated(),
                idToken == null ? null : Timestamp.from(idToken.getToken().getIssuedAt()),
                idToken == null ? null : String.valueOf(idToken.getToken().getClaims().get("iss")),
                Timestamp.from(clock.instant()));
    }

    /**
     * Spring removes an authorization whose confirmation the employer declined: the sign-in ends with it, so the next
     * person at that browser cannot take it up again.
     */
    @Override
    @org.springframework.transaction.annotation.Transactional
    public void remove(OAuth2Authorization authorization) {
        jdbc.update("DELETE FROM signin_authorization WHERE id = ?", authorization.getId());
        signIns.endUnused(UUID.fromString(authorization.getPrincipalName()));
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return find("id = ?", id, null, null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isEmpty() || NOT_KEPT.equals(token)) {
            return null;
        }
        byte[] hash = hash(token);
        if (tokenType == null) {
            OAuth2Authorization found = find("code_hash = ?", hash, token, CODE);
            return found != null ? found : find("access_hash = ?", hash, token, OAuth2TokenType.ACCESS_TOKEN);
        }
        if (CODE.equals(tokenType)) {
            return find("code_hash = ?", hash, token, CODE);
        }
        if (OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            return find("access_hash = ?", hash, token, OAuth2TokenType.ACCESS_TOKEN);
        }
        if (STATE.equals(tokenType)) {
            return find("state_hash = ?", hash, token, STATE);
        }
        return null; // no refresh tokens are issued; ID tokens are not looked up
    }

    /**
     * Drops authorizations whose code and token expired a day ago and whose sign-in has ended or is two days old:
     * until then a row still says which platforms to tell when the sign-in ends.
     */
    void sweep() {
        Timestamp dayAgo = Timestamp.from(clock.instant().minusSeconds(86_400));
        jdbc.update("DELETE FROM signin_authorization a WHERE a.created_at < ? AND coalesce(a.access_expires_at,"
                + " a.code_expires_at, a.created_at) < ? AND EXISTS (SELECT 1 FROM key_signin k WHERE k.id = a.key_signin_id"
                + " AND (k.ended_at IS NOT NULL OR k.created_at < ?))", dayAgo, dayAgo,
                Timestamp.from(clock.instant().minusSeconds(2 * 86_400)));
    }

    /** The authorization matching {@code condition}, carrying {@code presented} as the value of its {@code type}. */
    private OAuth2Authorization find(String condition, Object argument, String presented, OAuth2TokenType type) {
        List<OAuth2Authorization> found = jdbc.query("SELECT * FROM signin_authorization WHERE " + condition,
                (rs, i) -> rebuild(rs, presented, type), argument);
        return found.isEmpty() ? null : found.get(0);
    }

    private OAuth2Authorization rebuild(ResultSet rs, String presented, OAuth2TokenType type) throws SQLException {
        RegisteredClient client = clients.findById(rs.getString("client_id"));
        var signIn = signIns.findActive(rs.getObject("key_signin_id", UUID.class));
        if (client == null || signIn.isEmpty()) {
            return null; // the platform was disabled or the sign-in ended: nothing it issued works any more
        }
        Set<String> scopes = scopes(rs.getString("scopes"));
        OAuth2AuthorizationRequest request = request(rs.getString("request"));
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client).id(rs.getString("id"))
                .principalName(signIn.get().id().toString())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).authorizedScopes(scopes)
                .attribute(java.security.Principal.class.getName(), new KeySignInAuthentication(signIn.get()))
                .attribute(OAuth2AuthorizationRequest.class.getName(), request);
        if (STATE.equals(type)) {
            builder.attribute(OAuth2ParameterNames.STATE, presented);
        }
        Timestamp codeIssued = rs.getTimestamp("code_issued_at");
        if (codeIssued != null) {
            String value = CODE.equals(type) ? presented : NOT_KEPT;
            boolean invalidated = rs.getBoolean("code_invalidated");
            builder.token(new OAuth2AuthorizationCode(value, codeIssued.toInstant(), rs.getTimestamp("code_expires_at").toInstant()),
                    metadata -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, invalidated));
        }
        Timestamp accessIssued = rs.getTimestamp("access_issued_at");
        if (accessIssued != null) {
            String value = OAuth2TokenType.ACCESS_TOKEN.equals(type) ? presented : NOT_KEPT;
            boolean invalidated = rs.getBoolean("access_invalidated");
            builder.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, accessIssued.toInstant(),
                    rs.getTimestamp("access_expires_at").toInstant(), scopes(rs.getString("access_scopes"))),
                    metadata -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, invalidated));
        }
        Timestamp idTokenIssued = rs.getTimestamp("id_token_issued_at");
        if (idTokenIssued != null) {
            // Userinfo wants the ID token's presence; its claims are the sign-in's, its value is not kept.
            builder.token(new OidcIdToken(NOT_KEPT, idTokenIssued.toInstant(),
                    idTokenIssued.toInstant().plus(SignInClients.ID_TOKEN_VALIDITY), SignInClaims.of(signIn.get(), scopes)));
        }
        return builder.build();
    }

    private static KeySignInAuthentication principalOf(OAuth2Authorization authorization) {
        Object principal = authorization.getAttribute(java.security.Principal.class.getName());
        if (principal instanceof KeySignInAuthentication key) {
            return key;
        }
        // The sign-in chain admits nothing else; a staff or agent session never reaches the authorization endpoint.
        throw new IllegalStateException("an authorization for something other than a sign-in with the key");
    }

    private static String requestJson(OAuth2Authorization authorization) {
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("authorizationUri", request.getAuthorizationUri());
        fields.put("clientId", request.getClientId());
        fields.put("redirectUri", request.getRedirectUri());
        fields.put("scopes", List.copyOf(request.getScopes()));
        fields.put("state", request.getState());
        Map<String, String> additional = new LinkedHashMap<>();
        request.getAdditionalParameters().forEach((name, value) -> {
            if (value instanceof String text) {
                additional.put(name, text);
            }
        });
        fields.put("additional", additional);
        return JSON.writeValueAsString(fields);
    }

    private static OAuth2AuthorizationRequest request(String json) {
        Map<String, Object> fields = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        List<String> scopes = (List<String>) fields.get("scopes");
        @SuppressWarnings("unchecked")
        Map<String, Object> additional = (Map<String, Object>) fields.get("additional");
        return OAuth2AuthorizationRequest.authorizationCode().authorizationUri((String) fields.get("authorizationUri"))
                .clientId((String) fields.get("clientId")).redirectUri((String) fields.get("redirectUri"))
                .scopes(new HashSet<>(scopes)).state((String) fields.get("state"))
                .additionalParameters(additional).build();
    }

    private static Set<String> scopes(String spaced) {
        return spaced == null || spaced.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(spaced.split(" ")));
    }

    private static Timestamp issuedAt(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        Instant at = token == null ? null : token.getToken().getIssuedAt();
        return at == null ? null : Timestamp.from(at);
    }

    private static Timestamp expiresAt(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        Instant at = token == null ? null : token.getToken().getExpiresAt();
        return at == null ? null : Timestamp.from(at);
    }

    private static byte[] hash(OAuth2Token token) {
        return NOT_KEPT.equals(token.getTokenValue()) ? null : hash(token.getTokenValue());
    }

    private static byte[] hash(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
