package org.orgcert.server.signin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * OpenID Connect Back-Channel Logout 1.0: when a sign-in ends, each platform that received an ID token from it and
 * registered a back-channel logout URI is sent a logout token (signed like the ID tokens, naming the sign-in as
 * {@code sid} and the employer as {@code sub}). Sent after the ending committed, in the background, three tries;
 * a platform that cannot be reached is logged, and its own sessions end when its ID token's session would.
 */
@Component
class BackChannelLogout {
    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogout.class);
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final int TRIES = 3;

    private final JdbcTemplate jdbc;
    private final SignInClients clients;
    private final JwtEncoder encoder;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    BackChannelLogout(JdbcTemplate jdbc, SignInClients clients, JwtEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** One platform to tell: where, and the issuer its ID token named. */
    record Notice(UUID signIn, String uscc, String clientId, URI endpoint, String issuer) {
    }

    /** Tells the platforms of {@code ended} once the current transaction commits. */
    void afterCommit(List<KeySignIn> ended) {
        List<Notice> notices = ended.stream().flatMap(signIn -> noticesFor(signIn).stream()).toList();
        if (notices.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                notices.forEach(notice -> send(notice, 1));
            }
        });
    }

    private List<Notice> noticesFor(KeySignIn signIn) {
        return jdbc.query("SELECT DISTINCT client_id, id_token_issuer FROM signin_authorization"
                + " WHERE key_signin_id = ? AND id_token_issued_at IS NOT NULL", (rs, i) -> {
                    // The registered client's id is the client id; a platform disabled since is told too.
                    String clientId = rs.getString(1);
                    URI endpoint = clients.backChannelLogoutUri(clientId);
                    return endpoint == null ? null : new Notice(signIn.id(), signIn.uscc(), clientId, endpoint,
                            rs.getString(2));
                }, signIn.id()).stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The logout token for {@code notice}: iss, aud, iat, exp, jti, sub, sid and the back-channel event. */
    String logoutToken(Notice notice) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(notice.issuer()).audience(List.of(notice.clientId()))
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(2))).id(UUID.randomUUID().toString())
                .subject(notice.uscc()).claim("sid", notice.signIn().toString()).claim("events", Map.of(EVENT, Map.of()))
                .build();
        JwsHeader header = JwsHeader.with(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256)
                .type("logout+jwt").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private void send(Notice notice, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(notice.endpoint()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                        + URLEncoder.encode(logoutToken(notice), StandardCharsets.US_ASCII)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            boolean done = failure == null && response.statusCode() / 100 == 2;
            if (!done && attempt < TRIES) {
                CompletableFuture.delayedExecutor(attempt * 2L, java.util.concurrent.TimeUnit.SECONDS)
                        .execute(() -> send(notice, attempt + 1));
            } else if (!done) {
                LOG.warn("back-channel logout to platform {} failed {} times ({}): its session ends with its own timeout",
                        notice.clientId(), TRIES, failure != null ? failure.getClass().getSimpleName()
                                : "status " + response.statusCode());
            }
            return null;
        });
    }
}
