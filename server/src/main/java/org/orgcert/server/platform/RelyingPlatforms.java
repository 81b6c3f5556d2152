package org.orgcert.server.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The relying platforms (R-USE-1..3) as the bureau's administrator keeps them: register, change, give a new
 * secret, disable and enable, each in one transaction with its audit record ({@code platform.registered},
 * {@code platform.updated}, {@code platform.secret-rotated}, {@code platform.disabled}, {@code platform.enabled}).
 * A confidential platform's secret is generated here and returned once ({@link PlatformWithSecret}); only its
 * hash ({@link PasswordEncoder}, bcrypt) is kept, and neither goes into the audit log, a log or an answer again.
 */
@Service
public class RelyingPlatforms {
    private final PlatformStore store;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final PlatformClients clients;

    RelyingPlatforms(PlatformStore store, PasswordEncoder encoder, AuditLog audit, Clock clock, PlatformClients clients) {
        this.store = store;
        this.clients = clients;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every platform, enabled or not, by client id. */
    public List<RelyingPlatform> list() {
        return store.all();
    }

    /** The platform with this client id, enabled or not. */
    public Optional<RelyingPlatform> find(String clientId) {
        return clientId == null ? Optional.empty() : store.find(clientId);
    }

    /**
     * Registers a platform, enabled; a confidential one ({@code client_secret_basic}) gets a new secret, returned
     * this once.
     *
     * @throws Refusal {@code invalid-input} naming every field's problem; {@code platform-exists} (409) for a
     *                 client id taken; {@code role-not-allowed} (403) unless the actor is the bureau's administrator
     */
    @Transactional
    public PlatformWithSecret register(PlatformRegistration registration, Actor actor) {
        requireAdministrator(actor);
        InputProblems problems = new InputProblems();
        String clientId = PlatformInput.clientId(registration.clientId(), problems);
        String name = PlatformInput.name(registration.name(), problems);
        List<String> redirects = PlatformInput.uris("redirectUris", registration.redirectUris(), true, problems);
        List<String> postLogout = PlatformInput.uris("postLogoutRedirectUris", registration.postLogoutRedirectUris(),
                false, problems);
        String backchannel = PlatformInput.uri("backchannelLogoutUri", registration.backchannelLogoutUri(), problems);
        List<String> scopes = PlatformInput.scopes(registration.scopes(), problems);
        ClientAuthentication authentication = PlatformInput.authentication(registration.clientAuthentication(),
                problems);
        problems.throwIfAny();

        Instant now = now();
        boolean confidential = authentication == ClientAuthentication.CLIENT_SECRET_BASIC;
        String secret = confidential ? ClientSecrets.generate() : null;
        RelyingPlatform platform = new RelyingPlatform(clientId, name, redirects, postLogout, backchannel, scopes,
                registration.requireConsent(), authentication, confidential ? now : null, true, now, now, 0);
        clients.forgetAfterCommit(platform.clientId()); // the provider reads the change at once on this node
        if (!store.insert(platform, confidential ? encoder.encode(secret) : null)) {
            throw PlatformRefusal.PLATFORM_EXISTS.refuse("there is already a platform with client id " + clientId);
        }
        audit.record(new AuditEntry(actor.auditName(), "platform.registered", "platform", clientId,
                PlatformDescription.of(platform)));
        return new PlatformWithSecret(platform, secret);
    }

    /**
     * Changes a platform's name, addresses, scopes or consent, on the version read.
     *
     * @throws Refusal {@code invalid-input}; {@code platform-not-found} (404); {@code platform-changed} (409) when
     *                 it was changed after {@link PlatformChanges#version()}
     */
    @Transactional
    public RelyingPlatform update(String clientId, PlatformChanges changes, Actor actor) {
        requireAdministrator(actor);
        RelyingPlatform current = require(clientId);
        InputProblems problems = new InputProblems();
        String name = changes.name() == null ? current.name() : PlatformInput.name(changes.name(), problems);
        List<String> redirects = changes.redirectUris() == null ? current.redirectUris()
                : PlatformInput.uris("redirectUris", changes.redirectUris(), true, problems);
        List<String> postLogout = changes.postLogoutRedirectUris() == null ? current.postLogoutRedirectUris()
                : PlatformInput.uris("postLogoutRedirectUris", changes.postLogoutRedirectUris(), false, problems);
        String backchannel = changes.backchannelLogoutUri() == null ? current.backchannelLogoutUri()
                : PlatformInput.uri("backchannelLogoutUri", changes.backchannelLogoutUri(), problems);
        List<String> scopes = changes.scopes() == null ? current.scopes()
                : PlatformInput.scopes(changes.scopes(), problems);
        boolean consent = changes.requireConsent() == null ? current.requireConsent() : changes.requireConsent();
        problems.throwIfAny();

        RelyingPlatform changed = new RelyingPlatform(clientId, name, redirects, postLogout, backchannel, scopes,
                consent, current.authentication(), current.secretSetAt(), current.enabled(), current.createdAt(),
                now(), current.version() + 1);
        String difference = PlatformDescription.difference(current, changed);
        if (difference.isEmpty() && current.version() == changes.version()) {
            return current;
        }
        // Checked before writing as well as by the UPDATE: the first names a stale read, the second a lost race.
        clients.forgetAfterCommit(changed.clientId()); // the provider reads the change at once on this node
        if (current.version() != changes.version() || !store.update(changed, changes.version())) {
            throw PlatformRefusal.PLATFORM_CHANGED.refuse("the platform was changed since version " + changes.version()
                    + " was read; read it again and repeat the change")
                    .with("currentVersion", store.find(clientId).map(RelyingPlatform::version).orElse(-1L));
        }
        audit.record(new AuditEntry(actor.auditName(), "platform.updated", "platform", clientId, difference));
        return changed;
    }

    /**
     * Gives a confidential platform a new secret, returned this once; the old one stops working at once.
     *
     * @throws Refusal {@code platform-not-found}; {@code public-client-has-no-secret} (409) for a public client
     */
    @Transactional
    public PlatformWithSecret rotateSecret(String clientId, Actor actor) {
        requireAdministrator(actor);
        require(clientId);
        String secret = ClientSecrets.generate();
        clients.forgetAfterCommit(clientId); // the provider reads the change at once on this node
        if (!store.replaceSecret(clientId, encoder.encode(secret), now())) {
            throw PlatformRefusal.PUBLIC_CLIENT_HAS_NO_SECRET.refuse("platform " + clientId + " is a public client"
                    + " (client authentication none): it has no secret; register a confidential client instead");
        }
        audit.record(new AuditEntry(actor.auditName(), "platform.secret-rotated", "platform", clientId,
                "new secret generated; the previous one no longer works"));
        return new PlatformWithSecret(require(clientId), secret);
    }

    /** Disables a platform: the provider no longer knows it; disabling a disabled one changes nothing. */
    @Transactional
    public RelyingPlatform disable(String clientId, Actor actor) {
        return setEnabled(clientId, false, actor);
    }

    /** Enables a platform again; enabling an enabled one changes nothing. */
    @Transactional
    public RelyingPlatform enable(String clientId, Actor actor) {
        return setEnabled(clientId, true, actor);
    }

    private RelyingPlatform setEnabled(String clientId, boolean enabled, Actor actor) {
        requireAdministrator(actor);
        require(clientId);
        clients.forgetAfterCommit(clientId); // the provider reads the change at once on this node
        if (store.setEnabled(clientId, enabled, now())) {
            audit.record(new AuditEntry(actor.auditName(), enabled ? "platform.enabled" : "platform.disabled",
                    "platform", clientId, enabled ? "enabled: the provider signs employers in to it again"
                            : "disabled: the provider no longer knows it"));
        }
        return require(clientId);
    }

    private RelyingPlatform require(String clientId) {
        return find(clientId).orElseThrow(() -> PlatformRefusal.PLATFORM_NOT_FOUND.refuse(
                "there is no platform with client id " + clientId));
    }

    /**
     * Which sites may sign employers in is the bureau's decision: its administrator, or the service itself (the
     * demo's seeding). The addresses also check it, per URL; this holds for every other caller too.
     */
    private static void requireAdministrator(Actor actor) {
        if (!(actor instanceof Actor.System)) {
            actor.require("changing relying platforms", StaffRole.BUREAU_ADMIN);
        }
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; what is returned should equal what a later read gives.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
