package org.orgcert.server.status;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orgcert.pki.crl.WrittenCrl;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every CA's status fresh on this node, in the background, so neither a revocation nor a fetch ever
 * waits for a CRL: once a second ({@code orgcert.status.tick}) it finds revocations committed by any node
 * ({@link RevocationSweep}: OCSP answers re-signed, CRLs marked changed) and makes the CRLs that are due
 * ({@link CrlPublisher#regenerate}: a delta CRL within about a second of a revocation, a full CRL hourly and
 * five minutes after a change, each long before its nextUpdate).
 *
 * <p>Per node rather than a cluster job: each node serves CRLs from its own memory. Numbers still grow
 * across nodes (one counter per CA in the database); two nodes make two CRLs where one would do, which
 * costs CPU, not correctness.
 *
 * <p>It runs in the background once the application is ready, unless {@code
 * orgcert.status.regenerate-in-background} is false (by default it follows {@code db-scheduler.enabled}, the
 * switch tests use to run jobs only when they call them: tests call {@link #tick()} at the test clock's
 * time). Public for operations and the benchmark.
 */
@Component
public class CrlRegenerator {
    private static final Logger LOG = LoggerFactory.getLogger(CrlRegenerator.class);

    private final CertificateAuthorities authorities;
    private final CrlPublisher publisher;
    private final RevocationSweep sweep;
    private final boolean background;
    private final Duration tick;
    private ScheduledExecutorService timer;

    CrlRegenerator(CertificateAuthorities authorities, CrlPublisher publisher, RevocationSweep sweep,
            @Value("${orgcert.status.regenerate-in-background:${db-scheduler.enabled:true}}") boolean background,
            @Value("${orgcert.status.tick:PT1S}") Duration tick) {
        this.authorities = authorities;
        this.publisher = publisher;
        this.sweep = sweep;
        this.background = background;
        this.tick = tick;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (background && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "crl-regenerator");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::tickQuietly, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One pass over every CA: revocations of other nodes, then the CRLs that are due. A CA that fails (the
     * database briefly away) does not stop the others; the next pass retries.
     */
    public void tick() {
        RuntimeException first = null;
        for (String ca : authorities.labels()) {
            try {
                sweep.sweep(ca);
                publisher.regenerate(ca);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Makes and publishes a new full CRL of CA {@code label} now, whatever the schedule; the next pass puts a
     * delta CRL on it.
     */
    public WrittenCrl publishFull(String label) {
        StoredCrl crl = publisher.publishNow(checked(label), false);
        return new WrittenCrl(crl.number(), false, crl.entries(), crl.der().length);
    }

    /** Makes and publishes a new delta CRL of CA {@code label} now, on its current full CRL. */
    public WrittenCrl publishDelta(String label) {
        StoredCrl crl = publisher.publishNow(checked(label), true);
        return new WrittenCrl(crl.number(), true, crl.entries(), crl.der().length);
    }

    private String checked(String label) {
        if (authorities.hierarchy(label).isEmpty()) {
            throw new IllegalArgumentException("no CA '" + label + "'; this service runs " + authorities.labels());
        }
        return label;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("CRL regeneration failed, retrying in {}: {}", tick, e.toString());
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                // Let a CRL being written finish (or fail) before the database pool closes.
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
