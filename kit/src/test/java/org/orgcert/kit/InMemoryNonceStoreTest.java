package org.orgcert.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.testing.MutableClock;

/** The in-memory nonce store: one answer per challenge, bounded size, old challenges forgotten. */
class InMemoryNonceStoreTest {

    private static Challenge challenge(String nonce, Instant time) {
        return new Challenge("text " + nonce, "p", "https://a.example", nonce, time, "0".repeat(64));
    }

    @Test
    void rUse1_ofManyConcurrentAnswersWithOneNonceExactlyOneIsFresh() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        InMemoryNonceStore store = new InMemoryNonceStore(10, clock);
        store.remember(challenge("n", clock.instant()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<NonceStore.State>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.use("n").state();
                }));
            }
            start.countDown();
            int fresh = 0;
            for (Future<NonceStore.State> result : results) {
                fresh += result.get() == NonceStore.State.FRESH ? 1 : 0;
            }
            assertThat(fresh).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theStoreIsBoundedAndForgetsOldChallenges() {
        MutableClock clock = new MutableClock(Instant.now());
        InMemoryNonceStore store = new InMemoryNonceStore(100, clock);
        for (int i = 0; i < 250; i++) {
            store.remember(challenge("n" + i, clock.instant()));
        }
        assertThat(store.size()).isEqualTo(100);
        assertThat(store.use("n0").state()).isEqualTo(NonceStore.State.UNKNOWN); // pushed out
        assertThat(store.use("n249").state()).isEqualTo(NonceStore.State.FRESH);
        assertThat(store.use("n249").state()).isEqualTo(NonceStore.State.USED);
        assertThat(store.use("never").state()).isEqualTo(NonceStore.State.UNKNOWN);

        clock.advance(InMemoryNonceStore.KEEP.plus(Duration.ofSeconds(1)));
        store.remember(challenge("late", clock.instant()));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.use("n249").state()).isEqualTo(NonceStore.State.UNKNOWN);
    }
}
