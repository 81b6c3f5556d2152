package org.orgcert.server.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses a platform registers (redirect, post-logout redirect, back-channel logout): absolute, https, no
 * fragment. Plain http is accepted on this machine only (localhost, 127.0.0.1, [::1]), where the demo platform
 * runs and no network sees the code; anywhere else an http redirect would hand the authorization code to whoever
 * watches the wire.
 */
final class PlatformUris {
    static final int MAX_LENGTH = 2000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private PlatformUris() {
    }

    /** Why {@code value} is not such an address (with the message to show), or empty when it is. */
    static Optional<FieldProblem> problem(String value) {
        Optional<FieldProblem> text = FieldProblem.text(value, MAX_LENGTH);
        if (text.isPresent()) {
            return text;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return problem(PlatformInputProblem.URI_INVALID);
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return problem(PlatformInputProblem.URI_INVALID);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return problem(PlatformInputProblem.URI_HTTP_NOT_LOOPBACK);
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return problem(PlatformInputProblem.URI_SCHEME);
        }
        if (uri.getRawFragment() != null) {
            return problem(PlatformInputProblem.URI_FRAGMENT);
        }
        return Optional.empty();
    }

    /**
     * The origin of an address {@link #problem} accepts (or of the service's own URL): {@code scheme://host[:port]}
     * in lower case, without the scheme's default port, as a browser writes it in an {@code Origin} header.
     */
    static String origin(String value) {
        URI uri = URI.create(value);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static Optional<FieldProblem> problem(PlatformInputProblem problem) {
        return Optional.of(FieldProblem.of(problem));
    }
}
