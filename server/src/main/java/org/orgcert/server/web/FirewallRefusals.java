package org.orgcert.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.orgcert.server.domain.Refusal;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall refused the request's address (an encoded slash, a {@code ;}, a {@code ..}, a
 * control character in a parameter's name): a 400 problem+json {@code request-rejected} with the reason for a
 * program, the portal's error page for a person (through the error dispatch), instead of Spring Boot's JSON of
 * another shape. Spring Security uses the one bean of this type for every filter chain.
 */
@Component
class FirewallRefusals implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        Refusal refusal = WebRefusal.REQUEST_REJECTED.refuse(rejected.getMessage() + "; nothing was done.");
        if (!Problems.forPrograms(request.getRequestURI())) {
            request.setAttribute(ErrorAnswers.REFUSAL, refusal);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        ProblemDetail problem = Problems.of(refusal);
        problem.setInstance(URI.create(request.getRequestURI().replaceAll("[^!-~]", "?")));
        Problems.write(response, problem);
    }
}
