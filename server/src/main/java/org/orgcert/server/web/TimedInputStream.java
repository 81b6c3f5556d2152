package org.orgcert.server.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * A request body read against its {@link BodyDeadline}: after each read the time taken so far is checked,
 * and once the body is too slow every read throws {@link BodyTooSlow}. A blocked read itself is not cut
 * short (the servlet API has no way to), but each one ends when a byte or the connection timeout comes, so
 * a trickling client holds its thread at most the allowance plus one gap between its bytes.
 */
final class TimedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final BodyDeadline deadline;
    private final LongSupplier nanoTime;
    private final long start;
    private long bytes;
    private boolean tooSlow;

    TimedInputStream(ServletInputStream in, BodyDeadline deadline, LongSupplier nanoTime) {
        this.in = in;
        this.deadline = deadline;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** Whether the body ran out of time. */
    boolean tooSlow() {
        return tooSlow;
    }

    @Override
    public int read() throws IOException {
        check();
        int b = in.read();
        if (b >= 0) {
            bytes++;
        }
        check();
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        check();
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            bytes += n;
        }
        if (n >= 0) {
            check();
        }
        return n;
    }

    private void check() throws BodyTooSlow {
        if (tooSlow || deadline.exceeded(nanoTime.getAsLong() - start, bytes)) {
            tooSlow = true;
            throw new BodyTooSlow();
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
