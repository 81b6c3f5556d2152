package org.orgcert.server.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** A platform's audit detail: what it is, or what a change changed. Never a secret, nor its hash. */
final class PlatformDescription {
    private PlatformDescription() {
    }

    static String of(RelyingPlatform p) {
        return "name " + p.name() + "; client authentication " + p.authentication().value() + "; scopes "
                + String.join(" ", p.scopes()) + "; consent " + (p.requireConsent() ? "required" : "not asked")
                + "; redirect URIs " + p.redirectUris() + "; post-logout redirect URIs " + p.postLogoutRedirectUris()
                + "; back-channel logout " + (p.backchannelLogoutUri() == null ? "none" : p.backchannelLogoutUri());
    }

    /** The fields that differ, as {@code field: old -> new}; empty when none does. */
    static String difference(RelyingPlatform before, RelyingPlatform after) {
        List<String> changes = new ArrayList<>();
        compare(changes, "name", before, after, RelyingPlatform::name);
        compare(changes, "redirect URIs", before, after, RelyingPlatform::redirectUris);
        compare(changes, "post-logout redirect URIs", before, after, RelyingPlatform::postLogoutRedirectUris);
        compare(changes, "back-channel logout", before, after, RelyingPlatform::backchannelLogoutUri);
        compare(changes, "scopes", before, after, p -> String.join(" ", p.scopes()));
        compare(changes, "consent required", before, after, RelyingPlatform::requireConsent);
        return String.join("; ", changes);
    }

    private static void compare(List<String> changes, String field, RelyingPlatform before, RelyingPlatform after,
            Function<RelyingPlatform, Object> value) {
        Object old = value.apply(before);
        Object now = value.apply(after);
        if (!Objects.equals(old, now)) {
            changes.add(field + ": " + old + " -> " + now);
        }
    }
}
