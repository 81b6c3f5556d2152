package org.orgcert.server.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The places for requests waiting for their bodies (issue 12 review, finding 4). Three bounds, so that slow but
 * legal bodies cannot lock everyone else out:
 * <ul>
 *   <li>at most {@code total} bodies are read at once, whatever they are (the rest of the worker threads stay
 *       free for pages, OCSP and CRLs);</li>
 *   <li>bulk bodies (uploads, imports, anything above {@link #SMALL} or of unknown length) get at most
 *       {@code total - reservedForSmall}: the last places are kept for small bodies, sign-in forms and code
 *       requests, which a busy hour of scans over slow lines must not hold up;</li>
 *   <li>one client (its address as the service sees it) reads at most {@code perClient} bodies at once, so one
 *       party cannot take all the places by itself.</li>
 * </ul>
 * A request that finds no place is answered at once (503, Retry-After), holding no thread.
 */
final class BodyReaders {
    /** A body up to this declared length, not multipart, is small (a sign-in form, a code request, JSON). */
    static final long SMALL = 64 * 1024;

    private final Semaphore all;
    private final Semaphore bulk;
    private final int perClient;
    private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();

    BodyReaders(int total, int reservedForSmall, int perClient) {
        if (total < 1 || reservedForSmall < 0 || reservedForSmall >= total || perClient < 1) {
            throw new IllegalArgumentException("body readers: need total >= 1, 0 <= reserved < total, per client >= 1");
        }
        this.all = new Semaphore(total);
        this.bulk = new Semaphore(total - reservedForSmall);
        this.perClient = perClient;
    }

    /** A place to read a body in, given back by {@link #close()}. */
    interface Place extends AutoCloseable {
        @Override
        void close();
    }

    /** A place for {@code client}'s body, or null when there is none now. */
    Place take(String client, boolean small) {
        String key = client == null ? "" : client;
        boolean[] admitted = new boolean[1];
        byClient.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < perClient;
            return admitted[0] ? now + 1 : n;
        });
        if (!admitted[0]) {
            return null;
        }
        if (!small && !bulk.tryAcquire()) {
            leave(key);
            return null;
        }
        if (!all.tryAcquire()) {
            if (!small) {
                bulk.release();
            }
            leave(key);
            return null;
        }
        boolean[] closed = new boolean[1];
        return () -> {
            if (closed[0]) {
                return;
            }
            closed[0] = true;
            all.release();
            if (!small) {
                bulk.release();
            }
            leave(key);
        };
    }

    private void leave(String key) {
        byClient.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
