package org.orgcert.key.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.orgcert.key.WebOrigin;

/**
 * The web origins whose pages may use the local API: compared exactly with the request's {@code Origin} header,
 * in the form browsers send it ({@code scheme://host[:port]}, lower case, no default port, no path). No
 * wildcards, no {@code null} origin: a page of any other site, a file opened from disk or a sandboxed frame is
 * refused before anything touches the token.
 */
public final class AllowedOrigins {
    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** Like {@link #of}, but an empty list is allowed: no origin at all. */
    public static AllowedOrigins ofOrNone(List<String> urls) {
        return urls.isEmpty() ? new AllowedOrigins(Set.of()) : of(urls);
    }

    /**
     * Origins given as URLs; each is reduced to its origin and must have no path beyond {@code /}.
     *
     * @throws IllegalArgumentException for an empty list, a non-http(s) URL, a path, query or user info
     */
    public static AllowedOrigins of(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("at least one allowed origin is needed");
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String url : urls) {
            URI uri;
            try {
                uri = new URI(url == null ? "" : url.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not an origin: " + url + " (like https://zhjy.example.cn)");
            }
            String path = uri.getRawPath();
            if (path != null && !path.isEmpty() && !path.equals("/")) {
                throw new IllegalArgumentException("an origin has no path: " + url + " (like https://zhjy.example.cn)");
            }
            origins.add(originOf(uri));
        }
        return new AllowedOrigins(origins);
    }

    /**
     * The origin of a URL as a browser serialises it: lower-case scheme and host, the port only when it is not
     * the scheme's default.
     *
     * @throws IllegalArgumentException when the URL is not http(s) with a host, or has a query, fragment or user info
     */
    public static String originOf(URI url) {
        return WebOrigin.of(url);
    }

    /** These and {@code more}. */
    public AllowedOrigins plus(AllowedOrigins more) {
        Set<String> all = new LinkedHashSet<>(origins);
        all.addAll(more.origins);
        return new AllowedOrigins(all);
    }

    /** Whether {@code origin} (the request's header, as sent) is exactly one of these. */
    public boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    /** The origins, for the start-up message. */
    public Set<String> values() {
        return origins;
    }

    @Override
    public String toString() {
        return String.join(", ", origins);
    }
}
