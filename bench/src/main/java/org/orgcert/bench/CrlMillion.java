package org.orgcert.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.CrlWriter;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.crl.RevokedEntry;

/**
 * Writes a full CRL of 1,000,000 entries to a file and prints how long it took and the heap it needed.
 * {@link BenchMain} runs it in its own JVM with {@code -Xmx256m}, so a writer that held the entries as
 * objects would fail here rather than pass slowly. The entries come from an iterator that makes them on
 * demand, as a database cursor would.
 */
public final class CrlMillion {
    private static final int ENTRIES = 1_000_000;

    private CrlMillion() {
    }

    public static void main(String[] args) throws Exception {
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(args.length > 0 ? args[0] : "ECDSA_P256");
        CrlWriter writer = new CrlWriter(BenchCas.create(algorithm).issuing());
        Path file = Files.createTempFile("orgcert-crl", ".der");
        try {
            write(writer, file); // warm-up: JIT and file system
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            write(writer, file);
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed(); // sum of per-pool peaks: an upper bound
                }
            }
            System.out.printf(Locale.ROOT, "pki.crl.1m %.2f s%n", seconds);
            System.out.printf(Locale.ROOT, "pki.crl.1m.heap %d MiB%n", peak >> 20);
            System.out.printf(Locale.ROOT, "pki.crl.1m.size %d MiB%n", Files.size(file) >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(CrlWriter writer, Path file) throws Exception {
        Instant now = Instant.now();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writer.write(CrlParameters.full(BigInteger.ONE, now, now.plusSeconds(86_400)), entries(now), out);
        }
    }

    private static Iterator<RevokedEntry> entries(Instant now) {
        RevocationReason[] reasons = {RevocationReason.KEY_COMPROMISE, RevocationReason.SUPERSEDED,
            RevocationReason.CESSATION_OF_OPERATION, RevocationReason.UNSPECIFIED};
        SplittableRandom random = new SplittableRandom(1);
        return new Iterator<>() {
            private int made;

            @Override
            public boolean hasNext() {
                return made < ENTRIES;
            }

            @Override
            public RevokedEntry next() {
                made++;
                byte[] serial = new byte[16];
                random.nextBytes(serial);
                serial[0] = (byte) (1 + (serial[0] & 0x7E));
                return new RevokedEntry(new BigInteger(1, serial), now.minusSeconds(random.nextInt(31_536_000)),
                        reasons[made & 3]);
            }
        };
    }
}
