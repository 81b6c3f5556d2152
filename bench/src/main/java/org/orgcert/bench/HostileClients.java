package org.orgcert.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile clients on one thread with non-blocking sockets: each connection sends its opening bytes, then
 * one more byte every {@code gapMillis} (spread evenly over the gap), for as long as it runs. A connection
 * the server answers or closes is counted and opened again, as an attacker would. Kinds:
 * <ul>
 *   <li>{@link Kind#SLOW_BODY}: a whole request head with a Content-Length, then the body a byte at a time;</li>
 *   <li>{@link Kind#SLOW_CHUNKED}: a whole request head with Transfer-Encoding: chunked, then chunks of one
 *       byte each (a form Tomcat would parse inside getParameter);</li>
 *   <li>{@link Kind#SLOW_HEADERS}: the request line and a header name, then its value a byte at a time
 *       (the head never ends);</li>
 *   <li>{@link Kind#IDLE}: connects and sends nothing;</li>
 *   <li>{@link Kind#HALF_OPEN}: half a request line, then shuts its output down and stays.</li>
 * </ul>
 */
final class HostileClients implements AutoCloseable {

    enum Kind { SLOW_BODY, SLOW_CHUNKED, SLOW_HEADERS, IDLE, HALF_OPEN }

    private final InetSocketAddress address;
    private final long gapMillis;
    private final List<Client> clients = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong reopened = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    HostileClients(InetSocketAddress address, long gapMillis) {
        this.address = address;
        this.gapMillis = gapMillis;
    }

    /** Adds {@code count} connections of {@code kind} sending {@code head} (a request head) first. */
    HostileClients add(Kind kind, int count, String head) throws IOException {
        for (int i = 0; i < count; i++) {
            Client client = new Client(kind, head.getBytes(StandardCharsets.US_ASCII));
            client.open();
            clients.add(client);
        }
        return this;
    }

    /** Starts trickling. */
    HostileClients start() {
        thread = new Thread(this::trickle, "hostile-clients");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Connections the server answered (e.g. 408) or closed, each opened again. */
    long answered() {
        return answered.get();
    }

    long reopened() {
        return reopened.get();
    }

    int size() {
        return clients.size();
    }

    private void trickle() {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        int slices = 30;
        long slice = Math.max(1, gapMillis / slices);
        int turn = 0;
        while (running) {
            for (int i = turn; i < clients.size(); i += slices) {
                clients.get(i).tick(scratch);
            }
            turn = (turn + 1) % slices;
            try {
                Thread.sleep(slice);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        if (thread != null) {
            thread.join(10_000);
        }
        for (Client client : clients) {
            client.channel.close();
        }
    }

    /** One hostile connection. */
    private final class Client {
        private final Kind kind;
        private final byte[] head;
        private SocketChannel channel;

        Client(Kind kind, byte[] head) {
            this.kind = kind;
            this.head = head;
        }

        void open() throws IOException {
            channel = SocketChannel.open(address);
            channel.configureBlocking(false);
            switch (kind) {
                case SLOW_BODY, SLOW_CHUNKED, SLOW_HEADERS -> write(head);
                case IDLE -> { }
                case HALF_OPEN -> {
                    write(java.util.Arrays.copyOf(head, Math.min(head.length, 12)));
                    channel.shutdownOutput();
                }
            }
        }

        void tick(ByteBuffer scratch) {
            try {
                scratch.clear();
                int read = channel.read(scratch);
                if (read != 0) {
                    // An answer (408, 400) or the server closed: count it and come back.
                    answered.incrementAndGet();
                    reopen();
                    return;
                }
                if (kind == Kind.SLOW_BODY) {
                    write(new byte[] {0x30});
                } else if (kind == Kind.SLOW_CHUNKED) {
                    write(new byte[] {'1', '\r', '\n', 'u', '\r', '\n'});
                } else if (kind == Kind.SLOW_HEADERS) {
                    // The head ends in "X-Slow: "; its value grows a byte at a time and never ends.
                    write(new byte[] {'a'});
                }
            } catch (IOException e) {
                answered.incrementAndGet();
                reopen();
            }
        }

        private void write(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    return; // the server's buffer is full; nothing more for now
                }
            }
        }

        private void reopen() {
            try {
                channel.close();
                open();
                reopened.incrementAndGet();
            } catch (IOException e) {
                // The server refused a connection: try again next tick.
            }
        }
    }
}
