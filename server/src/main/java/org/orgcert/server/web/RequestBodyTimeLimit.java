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
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.LongSupplier;

/**
 * Bounds the time a request body may take ({@link BodyDeadline}), so that clients trickling their bodies
 * hold a worker thread for seconds, not for as long as they like. Runs before Spring Security and Spring
 * MVC (OCSP, which reads its bodies without a thread, is answered before it).
 *
 * <p>Design (issue 12 review, finding 3): every body that the container could parse by itself is read
 * <em>here</em>, through a {@link TimedInputStream}, before anything else sees the request, and the rest of the
 * chain gets a wrapper that serves what was read. Tomcat parses forms and multipart bodies inside
 * {@code getParameter()} and {@code getParts()} straight from the socket, with no deadline but the connection
 * timeout between bytes; a filter ahead of everyone (the CSRF check asks for {@code _csrf}) would set it off
 * outside any timed stream. Reading those bodies here, into a bounded place, is the one design that bounds
 * them whoever asks later: the container's stream has been read, so it never parses them itself, and the
 * wrapper answers {@code getInputStream}, {@code getReader}, the {@code getParameter} family and {@code getParts} from the buffer. Refusing chunked
 * forms would leave declared-length forms and uploads, which trickle just as well.
 *
 * <ul>
 *   <li>A body that is not multipart, up to {@link #BUFFERED} bytes, declared or chunked (JSON, forms, CSV), is
 *       read into memory ({@link BufferedBodyRequest}); a larger form is refused 413 at once (the container
 *       would not read its fields either), a chunked body that grows past it likewise.</li>
 *   <li>A multipart body is parsed here with Tomcat's own parser into parts ({@link MultipartBodyRequest}),
 *       with the servlet's multipart limits; files above a threshold spill to a folder of mode 0700 made for
 *       this service and are removed after the request.</li>
 *   <li>Only a larger body of another type (no endpoint takes one today) is read by its endpoint, through
 *       a {@link TimedInputStream}; the container never parses such a body itself.</li>
 * </ul>
 * A too-slow body is answered 408 problem+json and the connection closed, whatever the endpoint. Each body
 * takes a place among the {@link BodyReaders} (a total, places kept for small bodies, a limit per client); a
 * request that finds none is answered 503 {@code body-readers-busy} at once (Retry-After: 1), so clients trickling
 * bodies can never hold every worker thread, nor one client every place. A reader holds its thread at most the
 * deadline's cap plus one gap between bytes (the connection timeout).
 */
final class RequestBodyTimeLimit implements Filter {
    /** Bodies up to this size (more than the 2 MiB bank statement import) are read here into memory. */
    static final int BUFFERED = 4 * 1024 * 1024;
    static final String TYPE = Problems.TYPE_BASE + "request-body-timeout";

    static final String BUSY_TYPE = Problems.TYPE_BASE + "body-readers-busy";
    static final String TOO_LARGE_TYPE = Problems.TYPE_BASE + "request-too-large";
    static final String INCOMPLETE_TYPE = Problems.TYPE_BASE + "request-body-incomplete";

    /**
     * The servlet's multipart limits (Spring Boot's {@code spring.servlet.multipart.*}, Tomcat's part count and
     * part header size), applied here since the container's parser no longer runs.
     */
    record Uploads(long maxFileSize, long maxRequestSize, int fileSizeThreshold, int maxPartCount,
            int maxPartHeaderSize, long maxSwallowSize) {
        static final Uploads DEFAULTS = new Uploads(12_000_000, 13_000_000, 256 * 1024, 50, 512, 20_000_000);
    }

    private final BodyDeadline deadline;
    private final LongSupplier nanoTime;
    private final BodyReaders readers;
    private final Uploads uploads;
    private final File spillFolder;

    RequestBodyTimeLimit(BodyDeadline deadline, LongSupplier nanoTime, int readers) {
        this(deadline, nanoTime, new BodyReaders(readers, 0, readers), Uploads.DEFAULTS);
    }

    /**
     * @param readers the places for requests waiting for their bodies here: the rest of the worker threads
     *                stay free for pages, OCSP and CRLs however many clients trickle bodies
     */
    RequestBodyTimeLimit(BodyDeadline deadline, LongSupplier nanoTime, BodyReaders readers, Uploads uploads) {
        this.deadline = deadline;
        this.nanoTime = nanoTime;
        this.readers = readers;
        this.uploads = uploads;
        this.spillFolder = privateFolder();
    }

    /** A new folder only this service's user may enter: uploaded scans spill there, never world-readable. */
    private static File privateFolder() {
        try {
            Path folder = Files.createTempDirectory("orgcert-bodies-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            folder.toFile().deleteOnExit();
            return folder.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the folder for uploads being read", e);
        }
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
        boolean multipart = isMultipart(request);
        if (!multipart && !chunked && declared > BUFFERED) {
            if (BufferedBodyRequest.isForm(request)) {
                tooLarge(request, response);
                return;
            }
            try (BodyReaders.Place place = readers.take(request.getRemoteAddr(), false)) {
                if (place == null) {
                    busy(request, response);
                    return;
                }
                streamed(request, response, chain);
            }
            return;
        }
        boolean small = !multipart && !chunked && declared <= BodyReaders.SMALL;
        BodyReaders.Place place = readers.take(request.getRemoteAddr(), small);
        if (place == null) {
            busy(request, response);
            return;
        }
        HttpServletRequest read;
        try {
            TimedInputStream in = new TimedInputStream(request.getInputStream(), deadline, nanoTime);
            if (multipart) {
                MultipartBodyRequest parts = MultipartBodies.parse(request, in, uploads, spillFolder);
                if (parts.broken() && !in.tooSlow()) {
                    // The client closed or reset its upload: answered here, so that no endpoint meets the broken
                    // stream and logs it as a server error (a hostile client filled the log that way).
                    request.setAttribute(RefusedBodyNotDrained.ATTRIBUTE, Boolean.TRUE);
                    incomplete(request, response);
                    return;
                }
                if (parts.failed() && !drained(in)) {
                    // More is coming than Tomcat would read and drop after the answer (max-swallow-size): the
                    // answer goes out without it and the connection closes.
                    request.setAttribute(RefusedBodyNotDrained.ATTRIBUTE, Boolean.TRUE);
                }
                read = parts;
            } else {
                byte[] bytes = readAll(in, chunked ? BUFFERED + 1 : (int) declared);
                if (bytes.length > BUFFERED) {
                    tooLarge(request, response);
                    return;
                }
                read = new BufferedBodyRequest(request, bytes);
            }
            if (in.tooSlow()) {
                throw new BodyTooSlow();
            }
        } catch (BodyTooSlow e) {
            tooSlow(request, response);
            return;
        } finally {
            place.close();
        }
        try {
            chain.doFilter(read, res);
        } finally {
            if (read instanceof MultipartBodyRequest parts) {
                parts.deleteParts();
            }
        }
    }

    /**
     * Reads and drops the rest of a body the parser gave up on (too large, malformed), as Tomcat would after the
     * answer, but here under the body's deadline and at most {@link Uploads#maxSwallowSize()} bytes, so that the
     * sender gets the answer and its reason rather than a reset connection.
     *
     * @return whether the body ended within that size
     */
    private boolean drained(TimedInputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        long dropped = 0;
        for (int n = in.read(scratch); n >= 0; n = in.read(scratch)) {
            dropped += n;
            if (dropped > uploads.maxSwallowSize()) {
                return false;
            }
        }
        return true;
    }

    /** A large body of a type the container never parses: its endpoint reads it through a timed stream. */
    private void streamed(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
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

                @Override
                public BufferedReader getReader() throws IOException {
                    String encoding = getCharacterEncoding();
                    return new BufferedReader(new InputStreamReader(getInputStream(),
                            encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
                }
            }, response);
            if (body[0] == null || !body[0].isFinished()) {
                // Not read to its end: Tomcat would drop the rest after the answer with no deadline; it closes.
                request.setAttribute(RefusedBodyNotDrained.ATTRIBUTE, Boolean.TRUE);
            }
        } catch (IOException e) {
            // Only a body that ran out of time is answered here; any other failure goes on up as before.
            if (body[0] != null && body[0].tooSlow() && !response.isCommitted()) {
                tooSlow(request, response);
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

    private static void tooSlow(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problem(request, response, HttpServletResponse.SC_REQUEST_TIMEOUT, TYPE, "request body timeout",
                "The request body did not arrive in time; send it again.");
    }

    private static void incomplete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problem(request, response, HttpServletResponse.SC_BAD_REQUEST, INCOMPLETE_TYPE, "request body incomplete",
                "The request body broke off before its end; nothing was done.");
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problem(request, response, 413, TOO_LARGE_TYPE, "request too large",
                "The request body is larger than the server reads; nothing was done.");
    }

    private static void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        problem(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, BUSY_TYPE, "body readers busy",
                "Too many requests are sending their bodies right now; send it again in a moment.");
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, int status, String type,
            String title, String detail) throws IOException {
        // The rest of the body is not read: the connection closes right after the answer.
        request.setAttribute(RefusedBodyNotDrained.ATTRIBUTE, Boolean.TRUE);
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
