package org.orgcert.server.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A portal upload form posted with more than the servlet reads as a form ({@code spring.servlet.multipart.max-file-size}):
 * sent back to the form's page, which says next to the file field, in the reader's language, that a scan may
 * have at most 10 MB (R-MAT-1..5). Without this, Tomcat gives up parsing the form, the CSRF check finds no token
 * and the browser shows an error in English. Decided by {@code Content-Length} before anything reads the body
 * (so before Spring Security and the handler: nothing is stored); Tomcat drops the unread rest
 * ({@code server.tomcat.max-swallow-size}). The JSON API is not touched: its callers keep the 413 problem+json.
 */
final class UploadLimitFilter extends OncePerRequestFilter {
    /** The query the form's page reads to show the reason. */
    static final String TOO_LARGE = "fileTooLarge";

    /** A form that uploads a scan: where it posts, and where on its page (the path's parent) it sits. */
    private record UploadForm(PathPattern posted, String anchor) {
        UploadForm(String posted, String anchor) {
            this(PathPatternParser.defaultInstance.parse(posted), anchor);
        }
    }

    private static final List<UploadForm> FORMS = List.of(
            new UploadForm(PortalPaths.MY_APPLICATION_DOCUMENTS, "upload-form"),
            new UploadForm(PortalPaths.MY_CERTIFICATE_CHANGE, "change"),
            new UploadForm(PortalPaths.STAFF_SIGN_IN_NUMBERS_CHANGE, "change"));

    private final long maxBytes;

    UploadLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getContentLengthLong() <= maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        for (UploadForm form : FORMS) {
            if (form.posted().matches(container)) {
                String page = path.substring(0, path.lastIndexOf('/'));
                response.setStatus(HttpStatus.SEE_OTHER.value());
                response.setHeader(HttpHeaders.LOCATION,
                        request.getContextPath() + page + "?" + TOO_LARGE + "#" + form.anchor());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
