package org.orgcert.server.signin;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.web.RequestWithParameters;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationEndpointFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;

/**
 * Runs the platform's authorization request at the authorization endpoint inside the exchange that signed the
 * employer in, and says where the browser goes next: the platform with its code, or the confirmation page of a
 * platform that asks for one. The endpoint is Spring Authorization Server's own filter, handed the request the
 * browser would have brought ({@code GET /oauth2/authorize?…}) with the new sign-in as the security context, so every
 * check of the request is its usual one; only its answer (a redirect) is caught and handed to the page, whose script
 * cannot follow a redirect to another site. This saves the browser one exchange per sign-in (it was a fifth of a
 * sign-in's cost). Not a servlet forward: Tomcat ends the response after one, and the page's JSON comes after.
 */
@Component
class AuthorizationAfterSignIn {
    static final String ENDPOINT = "/oauth2/authorize";
    /** Spring's filter that says which authorization server a request is for (issuer, endpoints), then the endpoint. */
    private final List<Filter> endpoint;

    AuthorizationAfterSignIn(List<SecurityFilterChain> chains) {
        SecurityFilterChain server = chains.stream()
                .filter(chain -> chain.getFilters().stream().anyMatch(OAuth2AuthorizationEndpointFilter.class::isInstance))
                .findFirst().orElseThrow(() -> new IllegalStateException("no authorization endpoint among the security filters"));
        this.endpoint = server.getFilters().stream().filter(filter -> filter instanceof OAuth2AuthorizationEndpointFilter
                || filter.getClass().getSimpleName().equals("AuthorizationServerContextFilter")).toList();
        if (endpoint.size() != 2) {
            throw new IllegalStateException("the authorization server's filters are not as expected: " + endpoint);
        }
    }

    /** Where the browser goes next, and what that is. */
    record Next(String location, Kind kind) {
        enum Kind {
            /** The platform, with its code. */
            CODE,
            /** This provider's confirmation page, for a platform that asks the employer to confirm. */
            CONFIRMATION,
            /** The platform, with an error the endpoint found in its request (the OAuth way to refuse one). */
            ERROR
        }
    }

    /**
     * Where the browser goes after {@code signIn}: the answer of the authorization endpoint to {@code request}.
     *
     * @throws Refusal {@link SignInRefusal#UNKNOWN_PLATFORM} when the endpoint refused the request outright (it was
     *         changed or the platform's registration changed meanwhile): the employer starts again at the platform
     */
    Next next(KeySignInAuthentication signIn, AuthorizationQuery request, HttpServletRequest answer,
            HttpServletResponse response) throws ServletException, IOException {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signIn);
        SecurityContextHolder.setContext(context);
        CaughtRedirect caught = new CaughtRedirect(response);
        try {
            endpoint.get(0).doFilter(new AuthorizationRequest(answer, request), caught, (req, res) -> endpoint.get(1)
                    .doFilter(req, res, (unhandled, ignored) -> caught.status = HttpServletResponse.SC_NOT_FOUND));
        } finally {
            SecurityContextHolder.setContext(before);
        }
        if (caught.location == null) {
            throw new Refusal(SignInRefusal.UNKNOWN_PLATFORM, "the platform's authorization request was refused ("
                    + caught.status + "): start again at the platform");
        }
        String url = answer.getRequestURL().toString();
        String consentPage = url.substring(0, url.length() - answer.getRequestURI().length()) + answer.getContextPath()
                + SignInSecurityConfiguration.CONSENT_PAGE + "?";
        String query = URI.create(caught.location).getRawQuery();
        query = query == null ? "&" : "&" + query;
        Next.Kind kind = caught.location.startsWith(consentPage) ? Next.Kind.CONFIRMATION
                : query.contains("&code=") && !query.contains("&error=") ? Next.Kind.CODE : Next.Kind.ERROR;
        return new Next(caught.location, kind);
    }

    /**
     * The authorization request the page carried, as the browser would have sent it: {@code GET} of the endpoint with
     * {@code query}. What the endpoint's filters note on the request (its parsed path, "already filtered") stays on
     * this one, so the answer's own request is left as it was.
     */
    private static final class AuthorizationRequest extends RequestWithParameters {
        private final String query;
        private final Map<String, Object> attributes = new HashMap<>();

        AuthorizationRequest(HttpServletRequest request, AuthorizationQuery authorization) {
            super(request, authorization.parameters());
            this.query = authorization.query();
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + ENDPOINT;
        }

        @Override
        public StringBuffer getRequestURL() {
            String answer = super.getRequestURL().toString();
            return new StringBuffer(answer.substring(0, answer.length() - super.getRequestURI().length()) + getRequestURI());
        }

        @Override
        public String getServletPath() {
            return ENDPOINT;
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public Object getAttribute(String name) {
            if (attributes.containsKey(name)) {
                return attributes.get(name);
            }
            // The answer's parsed path (Spring's, cached on the request) is not this request's.
            return name.startsWith("org.springframework.web.util.") ? null : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, null);
        }
    }

    /**
     * Keeps the endpoint's redirect (or error status) instead of sending it, and drops any body it writes: the real
     * answer is the page's JSON, written after the endpoint is done.
     */
    private static final class CaughtRedirect extends HttpServletResponseWrapper {
        private String location;
        private int status = HttpServletResponse.SC_OK;
        private final PrintWriter discarded = new PrintWriter(OutputStream.nullOutputStream());

        CaughtRedirect(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) {
            this.location = location;
            this.status = HttpServletResponse.SC_FOUND;
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) {
            sendRedirect(location);
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public PrintWriter getWriter() {
            return discarded;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                }
            };
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void reset() {
        }

        @Override
        public void resetBuffer() {
        }

        @Override
        public void flushBuffer() {
        }
    }
}
