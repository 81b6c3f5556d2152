package org.orgcert.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The crash harness (issue 12): the real service in its own process (embedded PostgreSQL, its own data folder)
 * serves parallel API clients while it and its PostgreSQL are killed with SIGKILL at random moments, restarted,
 * again and again (each kill at a random moment right after an acknowledged answer): first rounds of productions (submission to 200 PRODUCED), then, with the clock 340 days
 * ahead so that renewal is open, rounds of remote renewals signed by each USB key. Then it checks, against the
 * database and the USB-key stock: every acknowledged result is there, no certificate on a key lacks its record,
 * nothing is duplicated, every key taken from stock is used or discarded, every application is in a state of
 * the table, and {@code audit-verify} finds the chain and its checkpoints intact. Prints
 * {@code <name> <value> <unit>}; the violation counts must all be 0.
 *
 * <p>Usage: {@code bench/run crash} (the exec jar; {@code -Dcrash.rounds=8 -Dcrash.clients=4}, each round killed
 * between {@code -Dcrash.min-ms=10000} and {@code -Dcrash.max-ms=40000} after its start). The short form
 * runs in CI ({@code CrashHarnessTest}), the service started from the test's class path.
 */
public final class CrashBench {
    /** Renewal opens 30 days before expiry (R-REN-1); a year's certificate is there after 340 days. */
    static final int RENEWAL_DAYS_AHEAD = 340;
    /** A loaded machine may take long for the first production after a start: the kill waits for one. */
    private static final long ACKNOWLEDGMENT_WAIT_MILLIS = 120_000;

    private final CrashService service;
    private final CrashClients clients;
    private final Random random;

    CrashBench(CrashService service, long seed) {
        this.service = service;
        this.random = new Random(seed);
        this.clients = new CrashClients(service, random.nextInt(1_000_000) * 10);
    }

    public static void main(String[] args) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of(args.length > 0 ? args[0] : "server/target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the service first (mvn package -pl server -am)"));
        }
        CrashService service = new CrashService(List.of("java", "-jar", jar.toString()),
                Files.createTempDirectory("orgcert-crash"), freePort());
        CrashBench bench = new CrashBench(service, Long.getLong("crash.seed", 20261207L));
        Map<String, Integer> figures = bench.run(Integer.getInteger("crash.rounds", 8),
                Integer.getInteger("crash.clients", 4), Integer.getInteger("crash.min-ms", 10_000),
                Integer.getInteger("crash.max-ms", 40_000));
        figures.forEach((name, value) -> System.out.println("crash." + name + " " + value + " " + unit(name)));
        bench.clients.failures().forEach((why, times) -> System.err.println("client failure: " + why + " x" + times));
        System.err.println("data folder: " + service.data());
    }

    /**
     * Half the rounds produce, half renew (at least one each); each round is killed after a random time between
     * {@code minMillis} and {@code maxMillis}. Returns the figures by name.
     */
    Map<String, Integer> run(int rounds, int clientCount, int minMillis, int maxMillis) throws Exception {
        int productionRounds = Math.max(1, rounds / 2);
        int renewalRounds = Math.max(1, rounds - productionRounds);
        for (int round = 0; round < productionRounds; round++) {
            round("produce-" + round, clientCount, clients::produceUntil, minMillis, maxMillis);
        }
        clients.renewEverythingProduced();
        service.clockAhead(RENEWAL_DAYS_AHEAD);
        for (int round = 0; round < renewalRounds; round++) {
            round("renew-" + round, clientCount, clients::renewUntil, minMillis, maxMillis);
        }
        service.start("service-check");
        // Keys taken by productions that died are swept when their production lock is free; that runs at start-up.
        Thread.sleep(5_000);
        Map<String, Integer> figures = new LinkedHashMap<>();
        figures.put("rounds", productionRounds + renewalRounds);
        figures.put("acknowledged", clients.produced().size());
        figures.put("renewals.acknowledged", clients.renewed().size());
        figures.putAll(CrashChecks.run(service, clients));
        figures.put("audit-verify.exit", service.auditVerify());
        service.stop();
        return figures;
    }

    Map<String, java.util.concurrent.atomic.AtomicInteger> failures() {
        return clients.failures();
    }

    private void round(String name, int clientCount, Consumer<AtomicBoolean> work, int minMillis, int maxMillis)
            throws Exception {
        service.start("service-" + name);
        clients.signInAs(service.demoLogins());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            Thread client = new Thread(() -> work.accept(stop), "crash-client-" + c);
            client.start();
            threads.add(client);
        }
        // At a random moment, and then right after the next acknowledged answer: the worst moment for an
        // acknowledgment whose commit was not yet on disk.
        Thread.sleep(minMillis + random.nextInt(Math.max(1, maxMillis - minMillis)));
        clients.awaitNextAcknowledgment(ACKNOWLEDGMENT_WAIT_MILLIS);
        service.kill();
        stop.set(true);
        for (Thread client : threads) {
            client.join();
        }
    }

    private static String unit(String name) {
        return switch (name) {
            case "rounds" -> "rounds";
            case "audit-verify.exit" -> "code";
            default -> name.startsWith("tokens") ? "tokens" : name.startsWith("certificates")
                    || name.equals("signed-unrecorded") || name.equals("duplicates") ? "certificates" : "applications";
        };
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
