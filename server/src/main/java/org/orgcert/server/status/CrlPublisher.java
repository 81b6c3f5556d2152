package org.orgcert.server.status;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.CrlWriter;
import org.orgcert.pki.crl.WrittenCrl;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each CA's full and delta CRL on this node: served from memory, made by {@link CrlRegenerator} in the
 * background as {@link CrlSchedule} says (a fetch only makes one when there is none yet or the one in memory
 * is past its nextUpdate, i.e. the regenerator is failing). A CRL is streamed from the certificate table (a
 * cursor, {@link CertificateStore#withRevoked}) through {@link CrlWriter} into an array of exactly its size;
 * its number comes from the CA's persisted counter, so numbers only grow, across restarts and nodes, and full
 * and delta CRLs share them (RFC 5280 5.2.3). Each publication is stored (the latest of each kind, read back
 * at the next start) and audited.
 *
 * <p>Invariants, and where they are kept:
 * <ul>
 *   <li><b>A revocation is never lost between two CRLs</b>: its CA is marked changed after it commits
 *       ({@link #revoked}, by this node's {@link RevocationListener} or {@link RevocationSweep} for other
 *       nodes), and the mark is cleared just before a CRL starts reading, so one committed during the read
 *       marks it again; the regenerator also compares the CA's last revocation time with each CRL's.</li>
 *   <li><b>Numbers grow in issue order</b>: the number is taken (and committed) before thisUpdate is read
 *       from the clock, so a later thisUpdate always has a larger number, even when a slow full CRL and a
 *       quick delta CRL of one CA are made side by side (the delta is not held up by the full).</li>
 *   <li><b>One CRL of a CA at a time on this node</b>: generation runs under the CA's lock; fetches do not
 *       take it unless there is nothing valid to serve.</li>
 * </ul>
 */
@Component
class CrlPublisher {
    private static final String ACTOR = "system:crl";

    private final CertificateAuthorities authorities;
    private final CertificateStore certificates;
    private final CrlRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final CrlSchedule schedule = CrlSchedule.DEFAULT;
    private final TransactionTemplate transaction;
    private final Map<String, CrlWriter> writers = new ConcurrentHashMap<>();
    private final Map<String, Crls> byCa = new ConcurrentHashMap<>();

    /** A CA's CRLs on this node. */
    private static final class Crls {
        final Object lock = new Object();
        volatile StoredCrl full;
        volatile StoredCrl delta;
        volatile boolean loaded;
        /** A revocation committed since the full (delta) CRL in memory started reading. */
        final AtomicBoolean fullChanged = new AtomicBoolean();
        final AtomicBoolean deltaChanged = new AtomicBoolean();
    }

    CrlPublisher(CertificateAuthorities authorities, CertificateStore certificates, CrlRepository repository,
            AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.authorities = authorities;
        this.certificates = certificates;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Marks CA {@code ca}'s CRLs changed: called after a revocation commits. Cheap: no CRL work here. */
    void revoked(String ca) {
        Crls crls = crls(ca);
        crls.fullChanged.set(true);
        crls.deltaChanged.set(true);
    }

    /** The CA's current full CRL (label checked by the caller): from memory. */
    StoredCrl full(String ca) {
        Crls crls = crls(ca);
        StoredCrl crl = crls.full;
        if (!CrlSchedule.unservable(crl, clock.instant())) {
            return crl;
        }
        synchronized (crls.lock) {
            load(ca, crls);
            if (CrlSchedule.unservable(crls.full, clock.instant())) {
                publish(ca, crls, false);
            }
            return crls.full;
        }
    }

    /** The CA's current delta CRL: from memory (its base may be one full CRL behind for a moment). */
    StoredCrl delta(String ca) {
        Crls crls = crls(ca);
        StoredCrl crl = crls.delta;
        if (!CrlSchedule.unservable(crl, clock.instant())) {
            return crl;
        }
        synchronized (crls.lock) {
            load(ca, crls);
            if (CrlSchedule.unservable(crls.full, clock.instant())) {
                publish(ca, crls, false);
            }
            if (CrlSchedule.unservable(crls.delta, clock.instant())) {
                publish(ca, crls, true);
            }
            return crls.delta;
        }
    }

    /**
     * One regeneration pass for CA {@code ca}, as {@link CrlSchedule} says: a delta CRL right after a change,
     * a full CRL hourly and a while after a change, and a delta on every new full CRL. A delta that is due
     * because of a change is made before a full CRL, so a slow full CRL never delays it.
     */
    void regenerate(String ca) {
        Crls crls = crls(ca);
        synchronized (crls.lock) {
            load(ca, crls);
            Instant lastRevocation = certificates.lastRevocation(ca).orElse(null);
            if (crls.full == null) {
                publish(ca, crls, false);
                publish(ca, crls, true);
                return;
            }
            Instant now = clock.instant();
            boolean deltaChanged = crls.deltaChanged.get() || CrlSchedule.revokedSince(lastRevocation, crls.delta);
            boolean deltaDue = schedule.deltaDue(crls.delta, crls.full, now, deltaChanged);
            if (deltaDue && deltaChanged) {
                publish(ca, crls, true);
                deltaDue = false;
            }
            boolean fullChanged = crls.fullChanged.get() || CrlSchedule.revokedSince(lastRevocation, crls.full);
            if (schedule.fullDue(crls.full, clock.instant(), fullChanged)) {
                publish(ca, crls, false);
                deltaDue = true;
            }
            if (deltaDue) {
                publish(ca, crls, true);
            }
        }
    }

    /** Makes a new full ({@code delta} false) or delta CRL of CA {@code ca} now, whatever the schedule. */
    StoredCrl publishNow(String ca, boolean delta) {
        Crls crls = crls(ca);
        synchronized (crls.lock) {
            load(ca, crls);
            if (delta && crls.full == null) {
                publish(ca, crls, false);
            }
            return publish(ca, crls, delta);
        }
    }

    private Crls crls(String ca) {
        return byCa.computeIfAbsent(ca, k -> new Crls());
    }

    /** Reads the latest stored CRLs once per start (under the CA's lock). */
    private void load(String ca, Crls crls) {
        if (!crls.loaded) {
            if (crls.full == null) {
                crls.full = repository.find(ca, false, keyId(ca)).orElse(null);
            }
            if (crls.delta == null) {
                crls.delta = repository.find(ca, true, keyId(ca)).orElse(null);
            }
            crls.loaded = true;
        }
    }

    /** Writes, stores and audits a full or delta CRL (under the CA's lock); a delta is on the current full. */
    private StoredCrl publish(String ca, Crls crls, boolean delta) {
        AtomicBoolean changed = delta ? crls.deltaChanged : crls.fullChanged;
        changed.set(false); // before reading: a revocation committed meanwhile marks it again
        try {
            StoredCrl base = delta ? crls.full : null;
            BigInteger number = transaction.execute(status -> repository.nextNumber(ca));
            Instant generatedAt = clock.instant();
            Instant thisUpdate = generatedAt.truncatedTo(ChronoUnit.SECONDS);
            Instant nextUpdate = schedule.nextUpdate(thisUpdate);
            CrlParameters parameters = base == null ? CrlParameters.full(number, thisUpdate, nextUpdate)
                    : CrlParameters.delta(number, base.number(), thisUpdate, nextUpdate);
            CrlWriter writer = writers.computeIfAbsent(ca,
                    label -> new CrlWriter(authorities.hierarchy(label).orElseThrow().issuing()));
            DerBuffer out = new DerBuffer();
            WrittenCrl written = certificates.withRevoked(ca, base == null ? null : schedule.deltaSince(base),
                    entries -> writer.write(parameters, entries, out));
            StoredCrl crl = new StoredCrl(ca, delta, number, base == null ? null : base.number(), generatedAt,
                    thisUpdate, nextUpdate, written.entries(), out.toByteArray());
            transaction.executeWithoutResult(status -> {
                repository.save(crl, keyId(ca));
                audit.record(new AuditEntry(ACTOR, delta ? "delta-crl.published" : "crl.published", "crl",
                        ca + "/" + number, written.entries() + " entries, " + written.bytes() + " bytes, next update "
                                + nextUpdate + (delta ? ", base " + base.number() : "")));
            });
            if (delta) {
                crls.delta = crl;
            } else {
                crls.full = crl;
            }
            return crl;
        } catch (RuntimeException e) {
            changed.set(true); // not published: the next pass tries again
            throw e;
        }
    }

    /** The key identifier of CA {@code ca}'s issuing key: stored CRLs are this key's only. */
    private byte[] keyId(String ca) {
        return authorities.hierarchy(ca).orElseThrow().issuing().keyIdentifier();
    }
}
