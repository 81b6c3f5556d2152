package org.orgcert.key;

import java.net.URI;
import java.util.Locale;

/**
 * Web origins as browsers serialise them in the {@code Origin} header ({@code scheme://host[:port]}, lower case,
 * no default port, no path), so that a configured or signed origin can be compared with the header as text.
 */
public final class WebOrigin {
    private WebOrigin() {
    }

    /**
     * The origin of a URL as a browser serialises it: lower-case scheme and host, the port only when it is not
     * the scheme's default.
     *
     * @throws IllegalArgumentException when the URL is not http(s) with a host, or has a query, fragment or user info
     */
    public static String of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("not an http(s) origin: " + url + " (like https://zhjy.example.cn)");
        }
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https")
                && port == 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Whether {@code text} is an origin exactly as a browser sends it (no path, canonical case and port). */
    public static boolean isCanonical(String text) {
        try {
            URI uri = new URI(text);
            return uri.getRawPath() != null && uri.getRawPath().isEmpty() && of(uri).equals(text);
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }
}
