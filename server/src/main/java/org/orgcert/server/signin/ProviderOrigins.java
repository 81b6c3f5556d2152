package org.orgcert.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.orgcert.server.PublicUrl;

/**
 * The origins the provider's own sign-in page is served from, the only ones a challenge may name: the public URL's
 * origin when one is configured; otherwise (the service listens on loopback only) this machine's loopback names
 * with the port the request came in on. Taken from the request's {@code Origin} header alone, a platform's back end
 * could have a challenge made for its own page and relay the employer's signature into another platform's sign-in.
 */
final class ProviderOrigins {
    private final PublicUrl publicUrl;

    ProviderOrigins(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** Whether {@code origin} (as a browser sends it) is this provider's. */
    boolean isOurs(String origin, HttpServletRequest request) {
        if (origin == null) {
            return false;
        }
        if (publicUrl.configured()) {
            return origin.equals(originOf(publicUrl.base()));
        }
        int port = request.getLocalPort();
        return Set.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://[::1]:" + port).contains(origin);
    }

    /** {@code scheme://host[:port]}, lower case, without the scheme's default port, as browsers send it. */
    static String originOf(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
