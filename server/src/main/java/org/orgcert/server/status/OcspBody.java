package org.orgcert.server.status;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;

/**
 * An OCSP POST body as it arrives, at most {@link OcspRequests#LIMIT} bytes plus the one that shows a body
 * is too long (which the responder then answers with malformedRequest). It only ever reads what has already
 * arrived, so no thread waits on a client that sends slowly.
 */
final class OcspBody {
    private final byte[] buffer;
    private int length;
    private boolean ended;

    private OcspBody(int capacity) {
        this.buffer = new byte[capacity];
    }

    /**
     * The body of {@code request} as far as it has arrived with the request's head (usually all of it: an
     * OCSP request is a few hundred bytes in the same packet). A declared length over the limit is not read.
     */
    static OcspBody start(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > OcspRequests.LIMIT) {
            OcspBody tooLong = new OcspBody(OcspRequests.LIMIT + 1);
            tooLong.length = tooLong.buffer.length;
            return tooLong;
        }
        // Without a declared length (chunked), the buffer is the limit plus one.
        OcspBody body = new OcspBody(declared >= 0 ? (int) declared : OcspRequests.LIMIT + 1);
        if (declared > 0) {
            body.readArrived(request.getInputStream());
        }
        return body;
    }

    /**
     * Reads, in blocking mode, only what is already buffered: Tomcat's {@code available()} looks at the bytes
     * it holds and never at the socket, and a read then returns at most those. (Bodies without a declared
     * length are left to {@link #readReady}: a chunk header may have arrived without its data.)
     */
    private void readArrived(ServletInputStream in) throws IOException {
        while (!complete() && in.available() > 0) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                ended = true;
            } else {
                length += n;
            }
        }
    }

    /** Reads, in non-blocking mode (a {@code ReadListener} is set), as long as the stream has data ready. */
    void readReady(ServletInputStream in) throws IOException {
        while (!complete() && in.isReady()) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                ended = true;
            } else {
                length += n;
            }
        }
    }

    /** Marks the end of the body (the container says all data is read). */
    void end() {
        ended = true;
    }

    /** Whether the whole body (or the limit's worth) is here. */
    boolean complete() {
        return ended || length == buffer.length;
    }

    /** The bytes read. */
    byte[] bytes() {
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }
}
