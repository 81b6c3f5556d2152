package org.orgcert.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The address relying platforms reach this service at: every certificate names its OCSP responder, CRLs and
 * CA certificate below it ({@code <public url>/status/<ca>/…}), and links sent out (invoices) start with it.
 * Set by {@code ORGCERT_PUBLIC_URL} (property {@code orgcert.public-url}).
 *
 * <p>Without it the service falls back to {@code http://localhost:<port>}, which only this machine reaches.
 * That is right for a loopback deployment (the default {@code server.address=127.0.0.1}, tests, the demo),
 * where nobody else could fetch the certificates' addresses anyway; a deployment listening beyond loopback
 * without it would write unreachable addresses into certificates that live a year, so it issues none
 * ({@link #settled()}) and says so at start-up.
 *
 * @param base         without a trailing slash: the configured URL, else {@code http://localhost:<port>}
 * @param configured   whether {@code ORGCERT_PUBLIC_URL} is set
 * @param loopbackOnly whether the service listens on a loopback address only ({@code server.address})
 * @param address      where it listens, for the log
 */
public record PublicUrl(String base, boolean configured, boolean loopbackOnly, String address) {
    private static final Logger LOG = LoggerFactory.getLogger(PublicUrl.class);

    /** From {@code orgcert.public-url}, {@code server.address} and {@code server.port}. */
    public static PublicUrl of(Environment environment) {
        return of(environment.getProperty("orgcert.public-url"), environment.getProperty("server.address"),
                environment.getProperty("server.port", "8080"));
    }

    /**
     * The public URL of a deployment configured with {@code configured} (may be empty), listening on
     * {@code address} (empty: every interface) and {@code port}.
     *
     * @throws IllegalStateException when {@code configured} is not an absolute http(s) URL
     */
    public static PublicUrl of(String configured, String address, String port) {
        boolean loopback = isLoopback(address);
        String shown = address == null || address.isBlank() ? "every interface" : address.strip();
        if (configured == null || configured.isBlank()) {
            return new PublicUrl("http://localhost:" + port, false, loopback, shown);
        }
        String url = configured.strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ORGCERT_PUBLIC_URL is not a URL: " + url, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException("ORGCERT_PUBLIC_URL must be an absolute http or https URL such as"
                    + " http://ca.example.gov.cn, not " + url);
        }
        return new PublicUrl(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, true, loopback, shown);
    }

    /**
     * Whether certificates may name {@link #base()}: the URL is configured, or the service listens on loopback
     * only (so nobody but this machine uses it).
     */
    public boolean settled() {
        return configured || loopbackOnly;
    }

    /** Says at start-up what certificates will name, and whether that is a problem. */
    void log() {
        if (configured) {
            LOG.info("Certificates name their status services under {}/status/<ca>/ (ORGCERT_PUBLIC_URL)", base);
        } else if (loopbackOnly) {
            LOG.info("ORGCERT_PUBLIC_URL is not set: certificates name {}, which only this machine reaches"
                    + " (listening on {} only); set it before relying platforms use them", base, address);
        } else {
            LOG.warn("Listening on {} without ORGCERT_PUBLIC_URL: certificates would name {}, which relying"
                    + " platforms cannot reach, so none are issued (503 public-url-not-set) until ORGCERT_PUBLIC_URL"
                    + " names the address they reach this service at", address, base);
        }
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
