package org.orgcert.server.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;

/** A request body that {@link RequestBodyTimeLimit} has read already, handed to the rest of the chain from memory. */
final class ReadBodyStream extends ServletInputStream {
    private final ByteArrayInputStream in;

    ReadBodyStream(byte[] body) {
        this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return in.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
        return in.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("the body was read already; no non-blocking reads");
    }
}
