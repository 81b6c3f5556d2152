package org.orgcert.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.orgcert.pki.name.Uscc;

/**
 * Fresh valid USCCs for tests, so tests sharing one database never meet each other's employers: category
 * 91 (enterprise), division 530102 (五华区, inside Kunming), a numbered organisation code with its GB 11714
 * check digit, and the GB 32100 check character.
 */
public final class TestUscc {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000_000));

    private TestUscc() {
    }

    /** A valid USCC of a Kunming enterprise not used before in this JVM. */
    public static Uscc next() {
        return of("91", "530102", String.format("%08d", NEXT.incrementAndGet() % 100_000_000));
    }

    /** A valid USCC with these parts; {@code org8} is the organisation code without its check digit. */
    public static Uscc of(String category, String division, String org8) {
        return Uscc.complete(category, division, org8);
    }
}
