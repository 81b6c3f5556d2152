package org.orgcert.server.status;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the rest of an OCSP POST body with non-blocking servlet I/O: the request goes async and the worker
 * thread returns to the pool; Tomcat calls {@link #onDataAvailable} when bytes arrive. A client that sends
 * its body a byte at a time therefore holds a connection, never a thread, and however many do so, OCSP,
 * the API and the portal keep their threads. A body not complete within the body time is answered 408 and
 * the connection closed.
 */
final class OcspBodyReader implements ReadListener, AsyncListener {

    /** What is done with a complete body: the OCSP answer is written to the response. */
    interface Answer {
        void write(byte[] der) throws IOException;
    }

    private final AsyncContext async;
    private final ServletInputStream in;
    private final OcspBody body;
    private final Answer answer;
    private final AtomicBoolean finished = new AtomicBoolean();

    private OcspBodyReader(AsyncContext async, ServletInputStream in, OcspBody body, Answer answer) {
        this.async = async;
        this.in = in;
        this.body = body;
        this.answer = answer;
    }

    /** Continues reading {@code body} of {@code request} without a thread; {@code answer} writes the response. */
    static void readAsync(HttpServletRequest request, OcspBody body, Duration bodyTime, Answer answer)
            throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(bodyTime.toMillis());
        ServletInputStream in = request.getInputStream();
        OcspBodyReader reader = new OcspBodyReader(async, in, body, answer);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        body.readReady(in);
        if (body.complete()) {
            answer();
        }
    }

    @Override
    public void onAllDataRead() throws IOException {
        body.end();
        answer();
    }

    private void answer() throws IOException {
        if (finished.compareAndSet(false, true)) {
            try {
                answer.write(body.bytes());
            } finally {
                async.complete();
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        // The client went away or the connection broke: nobody to answer.
        if (finished.compareAndSet(false, true)) {
            async.complete();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        if (finished.compareAndSet(false, true)) {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setStatus(HttpServletResponse.SC_REQUEST_TIMEOUT);
            response.setHeader("Connection", "close");
            async.complete();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
