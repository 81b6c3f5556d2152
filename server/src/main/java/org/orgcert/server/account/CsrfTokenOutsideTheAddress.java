package org.orgcert.server.account;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Reads the CSRF token from the {@code X-XSRF-TOKEN} header or a form body's {@code _csrf} field, never from the
 * address: a token in a query string ends up in access logs, browser history and {@code Referer} headers, and
 * a link carrying it would be a ready-made cross-site request. The servlet's parameters mix the query with the
 * form body, so a request whose query names {@code _csrf} at all is taken to have no token. The plain token (no
 * BREACH masking): what the cookie holds is what the header sends.
 */
final class CsrfTokenOutsideTheAddress extends CsrfTokenRequestAttributeHandler {

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        String header = request.getHeader(csrfToken.getHeaderName());
        if (header != null) {
            return header;
        }
        if (named(request.getQueryString(), csrfToken.getParameterName())) {
            return null;
        }
        return request.getParameter(csrfToken.getParameterName());
    }

    /** Whether {@code query} has a parameter {@code name}, however its name is encoded. */
    static boolean named(String query, String name) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String raw = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(raw, StandardCharsets.UTF_8).equals(name)) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                // Not decodable: the servlet could not have read it as the token's name either.
            }
        }
        return false;
    }
}
