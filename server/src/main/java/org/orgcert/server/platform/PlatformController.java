package org.orgcert.server.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/platforms}: the bureau's administrator registers and changes relying platforms (the auditor may
 * read; roles per URL in {@code account.SecurityConfiguration}). A new secret is in the answer that made it, once,
 * never cached ({@code Cache-Control: no-store}); no other answer has it.
 */
@RestController
@RequestMapping("/api/v1/platforms")
class PlatformController {
    private final RelyingPlatforms platforms;

    PlatformController(RelyingPlatforms platforms) {
        this.platforms = platforms;
    }

    /** A new platform; {@code requireConsent} is true when left out (the employer confirms what is shared). */
    record RegisterRequest(String clientId, String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
            String backchannelLogoutUri, List<String> scopes, Boolean requireConsent, String clientAuthentication) {
    }

    /** The fields present change, on {@code version}; {@code backchannelLogoutUri: ""} removes that address. */
    record ChangeRequest(Long version, String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
            String backchannelLogoutUri, List<String> scopes, Boolean requireConsent) {
    }

    /** A platform as the API shows it; {@code clientSecret} only in the answer that generated it. */
    record PlatformResponse(String clientId, String name, List<String> redirectUris,
            List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes,
            boolean requireConsent, String clientAuthentication, Instant secretSetAt, boolean enabled,
            Instant createdAt, Instant updatedAt, long version,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret) {
        static PlatformResponse of(RelyingPlatform p) {
            return of(p, null);
        }

        static PlatformResponse of(RelyingPlatform p, String secret) {
            return new PlatformResponse(p.clientId(), p.name(), p.redirectUris(), p.postLogoutRedirectUris(),
                    p.backchannelLogoutUri(), p.scopes(), p.requireConsent(), p.authentication().value(),
                    p.secretSetAt(), p.enabled(), p.createdAt(), p.updatedAt(), p.version(), secret);
        }

        @Override
        public String toString() {
            return "PlatformResponse[" + clientId + ", secret " + (clientSecret == null ? "none" : "hidden") + "]";
        }
    }

    @GetMapping
    List<PlatformResponse> all() {
        return platforms.list().stream().map(PlatformResponse::of).toList();
    }

    @GetMapping("/{clientId}")
    PlatformResponse one(@PathVariable("clientId") String clientId) {
        return PlatformResponse.of(platforms.find(clientId).orElseThrow(() ->
                PlatformRefusal.PLATFORM_NOT_FOUND.refuse("there is no platform with client id " + clientId)));
    }

    @PostMapping
    ResponseEntity<PlatformResponse> register(@RequestBody RegisterRequest request, Actor actor) {
        PlatformWithSecret made = platforms.register(new PlatformRegistration(request.clientId(), request.name(),
                request.redirectUris(), request.postLogoutRedirectUris(), request.backchannelLogoutUri(),
                request.scopes(), request.requireConsent() == null || request.requireConsent(),
                request.clientAuthentication()), actor);
        return ResponseEntity.created(URI.create("/api/v1/platforms/" + made.platform().clientId()))
                .cacheControl(CacheControl.noStore()).body(PlatformResponse.of(made.platform(), made.secret()));
    }

    @PatchMapping("/{clientId}")
    PlatformResponse update(@PathVariable("clientId") String clientId, @RequestBody ChangeRequest request,
            Actor actor) {
        if (request.version() == null) {
            throw Refusal.invalidFields("version is required: the version of the platform the change was made on",
                    Map.of("version", "is required"));
        }
        return PlatformResponse.of(platforms.update(clientId, new PlatformChanges(request.version(), request.name(),
                request.redirectUris(), request.postLogoutRedirectUris(), request.backchannelLogoutUri(),
                request.scopes(), request.requireConsent()), actor));
    }

    @PostMapping("/{clientId}/secret")
    ResponseEntity<PlatformResponse> rotateSecret(@PathVariable("clientId") String clientId, Actor actor) {
        PlatformWithSecret rotated = platforms.rotateSecret(clientId, actor);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(PlatformResponse.of(rotated.platform(), rotated.secret()));
    }

    @PostMapping("/{clientId}/disable")
    PlatformResponse disable(@PathVariable("clientId") String clientId, Actor actor) {
        return PlatformResponse.of(platforms.disable(clientId, actor));
    }

    @PostMapping("/{clientId}/enable")
    PlatformResponse enable(@PathVariable("clientId") String clientId, Actor actor) {
        return PlatformResponse.of(platforms.enable(clientId, actor));
    }
}
