package org.orgcert.server.status;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.orgcert.pki.ocsp.OcspResponder;

/**
 * Answers OCSP over HTTP (RFC 6960 appendix A.1: {@code POST /status/<label>/ocsp} and
 * {@code GET /status/<label>/ocsp/<url-encoded base64>}) as the first servlet filter, before Spring
 * Security, Spring Session, observation and the DispatcherServlet: OCSP is public, read-only and
 * sessionless, and relying platforms ask for it on every signature they check, so each request costs only
 * Tomcat's parsing, the responder's cache lookup and the write.
 *
 * <p>A POST body that has not arrived with the request's head is read without a thread
 * ({@link OcspBodyReader}), so clients trickling bodies cannot take the worker threads.
 *
 * <p>Only exact OCSP paths of a CA this service runs are answered here; anything else (an unknown label, a
 * path with {@code ;} parameters, dots or an unexpected method, a context path Tomcat had to normalise)
 * goes on down the normal chain, where {@link StatusController} gives the same answers or a problem+json
 * 404. The GET form's base64 may hold {@code %2F}, which Tomcat passes through
 * ({@link StatusWebConfiguration}); only the characters of URL-encoded base64 are accepted.
 */
final class OcspFilter implements Filter {
    private static final String PREFIX = "/status/";
    private static final String OCSP = "/ocsp";

    private final OcspResponders responders;
    private final Duration bodyTime;
    private final LongAdder answered = new LongAdder();

    /** {@code bodyTime}: how long a POST body may take to arrive in full. */
    OcspFilter(OcspResponders responders, Duration bodyTime) {
        this.responders = responders;
        this.bodyTime = bodyTime;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String uri = request.getRequestURI();
        int base = request.getContextPath().length();
        Optional<OcspResponder> responder = Optional.empty();
        byte[] der = null;
        if (uri.startsWith(PREFIX, base)) {
            int labelStart = base + PREFIX.length();
            int labelEnd = uri.indexOf('/', labelStart);
            if (labelEnd > labelStart && uri.startsWith(OCSP, labelEnd)) {
                int rest = labelEnd + OCSP.length();
                String method = request.getMethod();
                if (rest == uri.length() && method.equals("POST")) {
                    responder = responders.forLabel(uri.substring(labelStart, labelEnd));
                    if (responder.isPresent()) {
                        OcspBody body = OcspBody.start(request);
                        if (!body.complete()) {
                            // The rest of the body is read without holding this thread (see OcspBodyReader).
                            OcspResponder chosen = responder.get();
                            OcspBodyReader.readAsync(request, body, bodyTime,
                                    whole -> respond(chosen, whole, (HttpServletResponse) res));
                            return;
                        }
                        der = body.bytes();
                    }
                } else if (rest < uri.length() && uri.charAt(rest) == '/' && method.equals("GET")
                        && base64Path(uri, rest + 1)) {
                    responder = responders.forLabel(uri.substring(labelStart, labelEnd));
                    if (responder.isPresent()) {
                        der = OcspRequests.fromPath(uri.substring(rest + 1));
                    }
                }
            }
        }
        if (der == null) {
            chain.doFilter(req, res);
            return;
        }
        respond(responder.get(), der, (HttpServletResponse) res);
    }

    private void respond(OcspResponder responder, byte[] der, HttpServletResponse response) throws IOException {
        byte[] answer = responder.respond(der);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/ocsp-response");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
        answered.increment();
    }

    /** How many OCSP requests this filter has answered (a metric). */
    long answered() {
        return answered.sum();
    }

    /** URL-encoded base64 (standard or URL-safe alphabet), which has no dots, semicolons or backslashes. */
    private static boolean base64Path(String uri, int from) {
        for (int i = from; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '%' || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
