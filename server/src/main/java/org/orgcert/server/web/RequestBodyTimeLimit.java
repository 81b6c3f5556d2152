package org.orgcert.server.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Bounds the time a request body may take ({@link BodyDeadline}), so that clients trickling their bodies
 * hold a worker thread for seconds, not for as long as they like. Runs before Spring Security and Spring
 * MVC (OCSP, which reads its bodies without a thread, is answered before it).
 *
 * <ul>
 *   <li>A body of declared length up to {@link #BUFFERED} that is not multipart (JSON, forms, CSV) is read
 *       here in full before anything else sees the request: a too-slow one is answered 408 problem+json
 *       and the connection closed, whatever the endpoint. At most {@code readers} requests wait for such
 *       bodies at once; more are answered 503 {@code body-readers-busy} at once (Retry-After: 1), so clients
 *       trickling bodies can never hold every worker thread.</li>
 *   <li>Larger, chunked and multipart bodies are read by their endpoint through a {@link TimedInputStream};
 *       when one runs out of time, the {@link BodyTooSlow} that comes out of the chain is answered 408 here
 *       if nothing was sent yet. (Multipart bodies that the container parses itself are bounded only by the
 *       connection timeout between bytes.)</li>
 * </ul>
 */
final class RequestBodyTimeLimit implements Filter {
    /** Bodies up to this declared size (more than the 2 MiB bank statement import) are read here first. */
    static final int BUFFERED = 4 * 1024 * 1024;
    static final String TYPE = Problems.TYPE_BASE + "request-body-timeout";

    static final String BUSY_TYPE = Problems.TYPE_BASE + "body-readers-busy";

    private final BodyDeadline deadline;
    private final LongSupplier nanoTime;
    private final Semaphore readers;

    /**
     * @param readers how many requests may wait for their bodies here at once: the rest of the worker threads
     *                stay free for pages, OCSP and CRLs however many clients trickle bodies
     */
    RequestBodyTimeLimit(BodyDeadline deadline, LongSupplier nanoTime, int readers) {
        this.deadline = deadline;
        this.nanoTime = nanoTime;
        this.readers = new Semaphore(readers);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(req, res);
            return;
        }
        if (!chunked && declared <= BUFFERED && !isMultipart(request)) {
            if (!readers.tryAcquire()) {
                busy(response);
                return;
            }
            byte[] bytes;
            try {
                bytes = readAll(new TimedInputStream(request.getInputStream(), deadline, nanoTime), (int) declared);
            } catch (BodyTooSlow e) {
                tooSlow(response);
                return;
            } finally {
                readers.release();
            }
            chain.doFilter(new BufferedBodyRequest(request, bytes), res);
            return;
        }
        // The timed stream is made when the endpoint first asks for the body, not here: once the container's
        // own getInputStream() has been called, it no longer parses a multipart body into parameters, and a
        // portal form's CSRF field (and every other field) would be lost.
        TimedInputStream[] body = new TimedInputStream[1];
        try {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public ServletInputStream getInputStream() throws IOException {
                    if (body[0] == null) {
                        body[0] = new TimedInputStream(request.getInputStream(), deadline, nanoTime);
                    }
                    return body[0];
                }
            }, res);
        } catch (IOException e) {
            // Only a body that ran out of time is answered here; any other failure goes on up as before.
            if (body[0] != null && body[0].tooSlow() && !response.isCommitted()) {
                tooSlow(response);
                return;
            }
            throw e;
        }
    }

    /** Reads up to {@code declared} bytes; a body that ends early is passed on short, as the container would. */
    private static byte[] readAll(TimedInputStream in, int declared) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(declared, 8192));
        byte[] chunk = new byte[8192];
        int total = 0;
        while (total < declared) {
            int n = in.read(chunk, 0, Math.min(chunk.length, declared - total));
            if (n < 0) {
                break;
            }
            out.write(chunk, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    private static void tooSlow(HttpServletResponse response) throws IOException {
        problem(response, HttpServletResponse.SC_REQUEST_TIMEOUT, TYPE, "request body timeout",
                "The request body did not arrive in time; send it again.");
    }

    private static void busy(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        problem(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, BUSY_TYPE, "body readers busy",
                "Too many requests are sending their bodies right now; send it again in a moment.");
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        // The rest of the body may still be on its way: the connection is not reused.
        response.setHeader("Connection", "close");
        response.setContentType("application/problem+json");
        byte[] problem = ("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(problem.length);
        response.getOutputStream().write(problem);
    }
}
