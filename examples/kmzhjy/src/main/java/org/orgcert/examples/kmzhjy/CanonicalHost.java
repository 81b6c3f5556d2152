package org.orgcert.examples.kmzhjy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a page visited under another name of this machine (http://localhost:8081 for http://127.0.0.1:8081) to the
 * base URL. The provider returns the employer only to the redirect URI registered under that name, and the browser
 * keeps the sign-in's cookie per host name: a sign-in started under the other name would come back without it.
 */
final class CanonicalHost extends OncePerRequestFilter {
    private final URI base;

    CanonicalHost(URI base) {
        this.base = base;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getHeader("Host");
        // Only page visits: a POST (the provider's back-channel logout) is answered where it arrived.
        if ("GET".equals(request.getMethod()) && host != null && !host.equalsIgnoreCase(base.getRawAuthority())) {
            String query = request.getQueryString();
            response.sendRedirect(base.getScheme() + "://" + base.getRawAuthority() + request.getRequestURI()
                    + (query == null ? "" : "?" + query));
            return;
        }
        chain.doFilter(request, response);
    }
}
