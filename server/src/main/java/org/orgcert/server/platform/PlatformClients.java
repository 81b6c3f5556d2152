package org.orgcert.server.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The relying platforms as the OIDC provider (Spring Authorization Server) sees them: each ENABLED platform is a
 * {@link RegisteredClient} read from the table and kept for {@link #KEPT_FOR}: one sign-in asks for its platform a
 * dozen times (two reads each), which was a tenth of a sign-in's cost. A change made on this node counts at once (it
 * forgets the platform when the change commits, and does not keep a read begun before); one made on another node
 * counts here within {@link #KEPT_FOR} — so for up to a second there a disabled platform still gets codes and a
 * replaced secret still works. The mapping is fixed by our protocol (docs/signin.md), not by the platform: the
 * authorization code grant only (no refresh token: a sign-in is as fresh as the certificate's status), PKCE
 * always, ID tokens signed ES256. The registered client's id is the client id: both never change.
 *
 * <p>Platforms are registered through {@link RelyingPlatforms}, audited; {@link #save} refuses.
 */
@Component
public class PlatformClients implements RegisteredClientRepository {
    /** How long a platform read from the table is believed without reading it again. */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);

    /** A platform as read (null: unknown or disabled), and until when it is believed. */
    private record Kept(RegisteredClient client, long untilNanos) {
    }

    private final PlatformStore store;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Moves on at each change this node commits: a read begun before it is not kept (it may hold the old row). */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    PlatformClients(PlatformStore store) {
        this.store = store;
    }

    /** Forgets what this node read of {@code clientId} once the caller's transaction commits (at once without one). */
    void forgetAfterCommit(String clientId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget(clientId);
                }
            });
        } else {
            forget(clientId);
        }
    }

    private void forget(String clientId) {
        changes.incrementAndGet();
        kept.remove(clientId);
    }

    /** Refused: platforms are registered through {@link RelyingPlatforms}, by the administrator, audited. */
    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("relying platforms are registered through RelyingPlatforms");
    }

    /** The enabled platform whose client id is {@code id} (the two are the same), or null. */
    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    /** The enabled platform with this client id as a registered client, or null (unknown or disabled). */
    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (clientId == null || !clientId.matches("[a-z0-9-]{3,40}")) {
            return null;
        }
        long now = System.nanoTime();
        Kept known = kept.get(clientId);
        if (known == null || now - known.untilNanos() > 0) {
            if (kept.size() > 10_000) {
                kept.clear(); // made-up client ids must not fill the memory
            }
            long changesBefore = changes.get();
            known = new Kept(store.find(clientId).filter(RelyingPlatform::enabled)
                    .map(p -> registered(p, store.secretHash(clientId).orElse(null))).orElse(null), now + KEPT_FOR.toNanos());
            if (changes.get() == changesBefore) {
                kept.put(clientId, known);
            }
        }
        return known.client();
    }

    /**
     * The origins ({@code scheme://host[:port]}, lower case, no default port) of every enabled platform's redirect
     * URIs, each once, by client id: the pages that may ask the employer's assistant for a signature.
     */
    public List<String> assistantOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        store.enabled().forEach(p -> p.redirectUris().forEach(uri -> origins.add(PlatformUris.origin(uri))));
        return List.copyOf(origins);
    }

    /**
     * Where to post a logout token for this platform, if it registered such an address. Given for a disabled
     * platform too: it may still hold sessions from sign-ins before it was disabled, and ending them is right.
     */
    public Optional<String> backchannelLogoutUri(String clientId) {
        return Optional.ofNullable(clientId).flatMap(store::find)
                .map(RelyingPlatform::backchannelLogoutUri);
    }

    /** {@code secretHash}: the stored {@code {bcrypt}…} hash, which the provider's DelegatingPasswordEncoder checks. */
    static RegisteredClient registered(RelyingPlatform p, String secretHash) {
        RegisteredClient.Builder client = RegisteredClient.withId(p.clientId())
                .clientId(p.clientId())
                .clientIdIssuedAt(p.createdAt())
                .clientName(p.name())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(p.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(p.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(p.scopes()))
                .clientSettings(ClientSettings.builder().requireProofKey(true)
                        .requireAuthorizationConsent(p.requireConsent()).build())
                .tokenSettings(TokenSettings.builder().idTokenSignatureAlgorithm(SignatureAlgorithm.ES256).build());
        if (p.authentication() == ClientAuthentication.CLIENT_SECRET_BASIC) {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC).clientSecret(secretHash);
        } else {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return client.build();
    }
}
