package org.orgcert.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.orgcert.server.domain.PlainText;
import org.orgcert.server.domain.Refusal;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Request parameters (query, form fields, multipart text parts) and the names of uploaded files are
 * {@link PlainText#ANY} before any controller sees them: a NUL or another control character is refused with a
 * 400 that names the parameter (problem+json for the API, the portal's error page for a page), and nothing
 * changes. Runs as an interceptor, after the handler is known, so each side answers in its own way.
 */
final class RequestTextCheck implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Map<String, String> problems = new LinkedHashMap<>();
        parameters(request).forEach((name, values) -> {
            PlainText.ANY.check("parameter name", name, problems);
            for (String value : values) {
                PlainText.ANY.check(name, value, problems);
            }
        });
        if (request instanceof MultipartHttpServletRequest multipart) {
            multipart.getMultiFileMap().forEach((part, files) -> files.stream().map(MultipartFile::getOriginalFilename)
                    .forEach(name -> PlainText.ANY.problem(name)
                            .ifPresent(p -> problems.putIfAbsent(part, "the file name " + p))));
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields("request parameters " + List.copyOf(problems.keySet()) + " are not plain text",
                    problems);
        }
        return true;
    }

    /**
     * The parameters, or a refusal when Tomcat would not read them (a form over its size limit, more parameters
     * than it takes, a malformed encoding): its own exception would become a 500 with an error in the log.
     */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        try {
            return request.getParameterMap();
        } catch (InvalidParameterException e) {
            throw e.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                    ? WebRefusal.REQUEST_TOO_LARGE.refuse("The form is larger than the server reads; nothing was done.")
                    : WebRefusal.BAD_REQUEST.refuse("The parameters cannot be read: " + e.getMessage()
                            + "; nothing was done.");
        }
    }
}
