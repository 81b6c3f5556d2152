package org.orgcert.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator: {@code connections} persistent connections, each sending its next
 * request as soon as the previous response has arrived, served by a few selector threads (one thread can
 * drive dozens of connections, so the generator takes little of the CPU the service needs). Requests are
 * whole pre-built HTTP requests picked at random per request; a response counts when its status is 200 and
 * its body is a successful OCSPResponse. A response that says {@code Connection: close} makes the connection
 * reconnect, as a client behind a keep-alive limit would.
 */
final class HttpLoad {
    /** Latency histogram resolution: 10 µs buckets up to 1 s; slower responses land in the last bucket. */
    private static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 100_000;

    /**
     * What a run measured.
     *
     * @param responses successful responses completed in the measured interval
     * @param seconds   the measured interval
     * @param errors    responses that were not 200 with a successful OCSPResponse, and connection failures
     * @param reconnects connections the server closed (keep-alive limit) that were opened again
     * @param histogram completed responses per latency bucket ({@value #BUCKET_MICROS} µs each)
     */
    record Result(long responses, double seconds, long errors, long reconnects, long[] histogram) {
        double perSecond() {
            return responses / seconds;
        }

        /** The latency below which {@code fraction} of the measured responses completed, in milliseconds. */
        double percentileMillis(double fraction) {
            long total = 0;
            for (long count : histogram) {
                total += count;
            }
            long rank = (long) Math.ceil(fraction * total);
            long seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= rank && seen > 0) {
                    return (i + 1) * BUCKET_MICROS / 1000.0;
                }
            }
            return 0;
        }
    }

    private final InetSocketAddress address;
    private final byte[][] requests;
    private volatile int phase; // 0 warm-up, 1 measuring, 2 stopping
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    HttpLoad(InetSocketAddress address, byte[][] requests) {
        this.address = address;
        this.requests = requests;
    }

    /** Runs the load: {@code warmUp} unmeasured, then {@code measure}. */
    Result run(int connections, int threads, Duration warmUp, Duration measure) throws Exception {
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = connections / threads + (t < connections % threads ? 1 : 0);
            workers.add(new Worker(share, 31L * t + 7));
        }
        List<Thread> running = new ArrayList<>();
        for (Worker worker : workers) {
            Thread thread = new Thread(worker, "http-load-" + running.size());
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
        Thread.sleep(warmUp.toMillis());
        long start = System.nanoTime();
        phase = 1;
        Thread.sleep(measure.toMillis());
        phase = 2;
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread thread : running) {
            thread.join(10_000);
        }
        long responses = 0;
        long[] histogram = new long[BUCKETS];
        for (Worker worker : workers) {
            if (worker.failure != null) {
                throw new IllegalStateException("the load generator failed", worker.failure);
            }
            responses += worker.measured;
            for (int i = 0; i < BUCKETS; i++) {
                histogram[i] += worker.histogram[i];
            }
        }
        return new Result(responses, seconds, errors.get(), reconnects.get(), histogram);
    }

    /** One selector thread and its connections. */
    private final class Worker implements Runnable {
        private final int connections;
        private final SplittableRandom random;
        private final long[] histogram = new long[BUCKETS];
        private long measured;
        private Exception failure;

        Worker(int connections, long seed) {
            this.connections = connections;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void run() {
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < connections; i++) {
                    open(selector);
                }
                while (phase < 2) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Connection connection = (Connection) key.attachment();
                        try {
                            if (key.isValid() && key.isWritable()) {
                                connection.write(key);
                            }
                            if (key.isValid() && key.isReadable()) {
                                connection.read(key, selector);
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            key.cancel();
                            connection.channel.close();
                            open(selector);
                        }
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        private void open(Selector selector) throws IOException {
            SocketChannel channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            Connection connection = new Connection(channel);
            SelectionKey key = channel.register(selector, 0, connection);
            connection.send(key);
        }

        /** One persistent connection: one request in flight at a time. */
        private final class Connection {
            private final SocketChannel channel;
            private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            private ByteBuffer out;
            private long sentAt;

            Connection(SocketChannel channel) {
                this.channel = channel;
            }

            void send(SelectionKey key) throws IOException {
                out = ByteBuffer.wrap(requests[random.nextInt(requests.length)]);
                sentAt = System.nanoTime();
                write(key);
            }

            void write(SelectionKey key) throws IOException {
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }

            void read(SelectionKey key, Selector selector) throws IOException {
                if (channel.read(in) < 0) {
                    throw new IOException("closed by the server");
                }
                byte[] bytes = in.array();
                int length = in.position();
                int headerEnd = headerEnd(bytes, length);
                if (headerEnd < 0) {
                    return;
                }
                int contentLength = headerValue(bytes, headerEnd, CONTENT_LENGTH);
                if (contentLength < 0) {
                    throw new IOException("a response without Content-Length");
                }
                if (length < headerEnd + contentLength) {
                    return;
                }
                long micros = (System.nanoTime() - sentAt) / 1000;
                boolean ok = startsWith(bytes, OK) && successfulOcsp(bytes, headerEnd, contentLength);
                if (!ok) {
                    errors.incrementAndGet();
                } else if (phase == 1) {
                    measured++;
                    histogram[(int) Math.min(BUCKETS - 1, micros / BUCKET_MICROS)]++;
                }
                in.clear();
                if (headerValue(bytes, headerEnd, CONNECTION_CLOSE) >= 0) {
                    reconnects.incrementAndGet();
                    key.cancel();
                    channel.close();
                    if (phase < 2) {
                        open(selector);
                    }
                    return;
                }
                if (phase < 2) {
                    send(key);
                }
            }
        }
    }

    /** The index just past the blank line that ends the header, or -1. */
    private static int headerEnd(byte[] bytes, int length) {
        for (int i = 3; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static final byte[] OK = "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "connection: close".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a header line starting with {@code name} (lower case, compared ignoring case): the decimal number
     * after it, or 0 when none follows (a match without a number, as for {@code Connection: close}).
     * Returns -1 when no line matches.
     */
    private static int headerValue(byte[] bytes, int headerEnd, byte[] name) {
        for (int line = 0; line < headerEnd; ) {
            int next = line;
            while (next < headerEnd && bytes[next] != '\n') {
                next++;
            }
            next++;
            if (next - line > name.length && matchesIgnoreCase(bytes, line, name)) {
                int value = 0;
                for (int i = line + name.length; i < next; i++) {
                    byte b = bytes[i];
                    if (b >= '0' && b <= '9') {
                        value = value * 10 + (b - '0');
                    }
                }
                return value;
            }
            line = next;
        }
        return -1;
    }

    private static boolean matchesIgnoreCase(byte[] bytes, int at, byte[] lowerCase) {
        for (int i = 0; i < lowerCase.length; i++) {
            int b = bytes[at + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    /** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED (0 = successful), responseBytes ... }. */
    static boolean successfulOcsp(byte[] bytes, int offset, int length) {
        if (length < 5 || bytes[offset] != 0x30) {
            return false;
        }
        int first = bytes[offset + 1] & 0xff;
        int status = offset + 2 + (first < 0x80 ? 0 : first & 0x7f);
        return status + 2 < offset + length && bytes[status] == 0x0a && bytes[status + 1] == 0x01
                && bytes[status + 2] == 0x00;
    }
}
