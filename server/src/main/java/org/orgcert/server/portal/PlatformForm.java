package org.orgcert.server.portal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.orgcert.server.platform.PlatformChanges;
import org.orgcert.server.platform.PlatformRegistration;
import org.orgcert.server.platform.RelyingPlatform;

/**
 * The staff form of a relying platform as typed: the addresses one per line (a refusal names the line), the
 * scopes ticked. Kept as typed when the service refuses it, so the administrator corrects rather than retypes.
 */
record PlatformForm(String clientId, String name, String redirectUris, String postLogoutRedirectUris,
        String backchannelLogoutUri, Set<String> scopes, Boolean requireConsent, String clientAuthentication,
        Long version) {

    /** An empty form for a new platform: openid and consent, a confidential client (the usual case). */
    static final PlatformForm EMPTY = new PlatformForm("", "", "", "", "", Set.of("openid"), true,
            "client_secret_basic", 0L);

    /**
     * As posted: a checkbox left unticked is not sent at all (false), and a post without a version (not from this
     * form) changes nothing ({@code platform-changed}); both bind as null rather than failing the request.
     */
    PlatformForm {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        requireConsent = Boolean.TRUE.equals(requireConsent);
        version = version == null ? -1L : version;
    }

    static PlatformForm of(RelyingPlatform p) {
        return new PlatformForm(p.clientId(), p.name(), String.join("\n", p.redirectUris()),
                String.join("\n", p.postLogoutRedirectUris()),
                p.backchannelLogoutUri() == null ? "" : p.backchannelLogoutUri(), Set.copyOf(p.scopes()),
                p.requireConsent(), p.authentication().value(), p.version());
    }

    PlatformRegistration registration() {
        return new PlatformRegistration(clientId == null ? null : clientId.strip(), name, lines(redirectUris),
                lines(postLogoutRedirectUris), backchannelLogoutUri, scopeList(), requireConsent, clientAuthentication);
    }

    /** Every field as the form has it: an empty back-channel address removes it. */
    PlatformChanges changes() {
        return new PlatformChanges(version, name == null ? "" : name, lines(redirectUris),
                lines(postLogoutRedirectUris), backchannelLogoutUri == null ? "" : backchannelLogoutUri, scopeList(),
                requireConsent);
    }

    private List<String> scopeList() {
        return RelyingPlatform.SCOPES.stream().filter(scopes::contains).toList();
    }

    /** One entry per line, blank lines included, so entry i is line i + 1 in a refusal. */
    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split("\r?\n", -1));
    }
}
