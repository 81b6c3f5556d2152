package org.orgcert.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issued challenges in memory, for a platform that runs in one process. Bounded: entries older than the
 * challenge lifetime plus a minute (kept so a late replay is reported as a replay) are dropped, and when
 * the store is full the oldest goes (its answer then fails as unknown). A flood of challenge requests can
 * therefore push out real ones: rate-limit issuing per client.
 */
public final class InMemoryNonceStore implements NonceStore {
    /** How long a challenge is remembered after issue: its lifetime, and a minute to tell replays apart. */
    public static final Duration KEEP = ChallengeVerifier.LIFETIME.plusMinutes(1);

    private record Entry(Challenge challenge, AtomicBoolean used) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Challenge> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;
    private final Clock clock;

    /**
     * @param maxEntries the most challenges kept at once (say 100,000: about 40 MB)
     * @param clock      the clock challenges are dated by (the verifier's)
     */
    public InMemoryNonceStore(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "the store needs room for one challenge");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void remember(Challenge challenge) {
        if (entries.putIfAbsent(challenge.nonce(), new Entry(challenge, new AtomicBoolean())) != null) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "a nonce was issued twice");
        }
        order.add(challenge);
        int count = size.incrementAndGet();
        Instant oldest = clock.instant().minus(KEEP);
        Challenge head;
        while ((head = order.peek()) != null && (count > maxEntries || head.time().isBefore(oldest))) {
            if (order.remove(head)) {
                entries.remove(head.nonce());
                count = size.decrementAndGet();
            }
        }
    }

    @Override
    public Use use(String nonce) {
        Entry entry = nonce == null ? null : entries.get(nonce);
        if (entry == null) {
            return new Use(State.UNKNOWN, null);
        }
        return new Use(entry.used.compareAndSet(false, true) ? State.FRESH : State.USED, entry.challenge);
    }

    /** How many challenges are kept now. */
    public int size() {
        return size.get();
    }
}
