package org.orgcert.server.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.orgcert.server.domain.Refusal;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers by itself, before the service sees a request: a request line it cannot read (a
 * character outside RFC 3986 in the address), headers larger than it reads. Its error report valve wrote an
 * HTML page; this one writes problem+json ({@code bad-request}, {@code request-too-large}) for programs and
 * for a request whose address could not be read, and a short page in both languages for the portal's pages.
 * Errors inside the service go to {@link ErrorAnswers} as before (the valve leaves an answer already written).
 */
@Component
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            // Replaces Spring Boot's report valve; the host adds its own only when none of its class is there.
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            host.getPipeline().addValve(new ProblemReportValve());
        });
    }

    /** After Spring Boot's own customizer, which adds its report valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report as problem+json, or a plain bilingual page for a page's address. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String path = path(request);
            String reason = throwable != null && throwable.getMessage() != null ? ": " + throwable.getMessage()
                    : response.getMessage() != null && !response.getMessage().isBlank() ? ": " + response.getMessage()
                    : "";
            Refusal refusal = status == 413 || status == 431
                    ? WebRefusal.REQUEST_TOO_LARGE.refuse("The request is larger than the server reads" + reason
                            + "; nothing was done.")
                    : status >= 500 ? WebRefusal.FAILED.refuse("The server failed to answer; nothing was done.")
                    : WebRefusal.BAD_REQUEST.refuse("The request cannot be read" + reason + "; nothing was done.");
            try {
                byte[] body;
                if (Problems.forPrograms(path)) {
                    ProblemDetail problem = Problems.of(refusal);
                    problem.setStatus(status);
                    body = Problems.json(problem);
                    response.setContentType("application/problem+json");
                } else {
                    body = page(status).getBytes(StandardCharsets.UTF_8);
                    response.setContentType("text/html");
                }
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(new String(body, StandardCharsets.UTF_8));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the answer was started elsewhere: nothing more to say.
            }
        }

        /** The address asked for, or null when Tomcat could not read the request line. */
        private static String path(Request request) {
            try {
                String uri = request.getRequestURI();
                return uri == null || uri.isEmpty() ? null : uri;
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static String page(int status) {
            return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + status
                    + "</title></head><body><main><h1>请求无法处理（" + status + "）</h1><p>服务器无法读取此请求，未作任何更改。"
                    + "请返回后重试。</p><p lang=\"en\">The server could not read this request (" + status + "); nothing"
                    + " was changed. Please go back and try again.</p><p><a href=\"/\">首页 · Home</a></p></main>"
                    + "</body></html>";
        }
    }
}
