package org.orgcert.pki.ocsp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pre-signed responses for single-CertID requests without a nonce, keyed by serial and CertID variant.
 *
 * <p>Invariant "a revocation is never hidden by the cache": {@link #invalidate} first bumps a generation
 * counter, then removes the serial's entries. A response signed from a status read before the bump is
 * stored only if the generation is unchanged, checked under the map's lock for that key; so either it
 * lands before the removal (and is removed) or it sees the new generation (and is not stored).
 */
final class OcspResponseCache {
    /**
     * A cache key.
     *
     * @param serial  the certificate serial
     * @param variant the CertID hash variant ({@link IssuerIds})
     */
    record Key(BigInteger serial, int variant) {
    }

    /**
     * A pre-signed response.
     *
     * @param der            the OCSPResponse, never handed out itself (callers get copies)
     * @param refreshAtMillis when to sign it again: nextUpdate minus the refresh margin
     */
    record Entry(byte[] der, long refreshAtMillis) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;

    OcspResponseCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The entry for {@code key} if it is still fresh at {@code nowMillis}, else {@code null}. */
    Entry fresh(Key key, long nowMillis) {
        Entry entry = entries.get(key);
        return entry != null && nowMillis < entry.refreshAtMillis() ? entry : null;
    }

    /** Read before asking the status source; pass to {@link #store}. */
    long generation() {
        return generation.get();
    }

    /** Stores {@code entry} unless an invalidation happened since {@code generationSeen} or the cache is full. */
    void store(Key key, Entry entry, long generationSeen) {
        entries.compute(key, (k, old) -> {
            if (generation.get() != generationSeen) {
                return old;
            }
            if (old == null && entries.size() >= maxEntries) {
                return null;
            }
            return entry;
        });
    }

    /** Forgets every response for {@code serial}; returns the variants that were cached. */
    List<Integer> invalidate(BigInteger serial) {
        generation.incrementAndGet();
        List<Integer> removed = new ArrayList<>(2);
        for (int variant = 0; variant < IssuerIds.VARIANTS; variant++) {
            if (entries.remove(new Key(serial, variant)) != null) {
                removed.add(variant);
            }
        }
        return removed;
    }

    /** How many responses are cached. */
    int size() {
        return entries.size();
    }
}
