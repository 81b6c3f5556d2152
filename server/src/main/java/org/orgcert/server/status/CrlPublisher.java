package org.orgcert.server.status;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.orgcert.pki.crl.CrlParameters;
import org.orgcert.pki.crl.CrlWriter;
import org.orgcert.pki.crl.WrittenCrl;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each CA's full and delta CRL: served from memory, reissued when {@link CrlSchedule} says so. A CRL is
 * streamed from the certificate table (a cursor, {@link CertificateStore#withRevoked}) through
 * {@link CrlWriter}; its number comes from the CA's persisted counter, so numbers only grow, across restarts
 * and nodes, and full and delta CRLs share them (RFC 5280 5.2.3). Each publication is audited.
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
    private final Map<String, StoredCrl> latest = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** CAs with a revocation committed since their full CRL was last made on this node. */
    private final Set<String> revokedSince = ConcurrentHashMap.newKeySet();

    CrlPublisher(CertificateAuthorities authorities, CertificateStore certificates, CrlRepository repository,
            AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.authorities = authorities;
        this.certificates = certificates;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Marks CA {@code ca}'s CRLs stale: called after a revocation commits. */
    void revoked(String ca) {
        revokedSince.add(ca);
    }

    /** The CA's current full CRL (label checked by the caller). */
    StoredCrl full(String ca) {
        synchronized (lock(ca)) {
            StoredCrl crl = cached(ca, false);
            Optional<Instant> lastRevocation = certificates.lastRevocation(ca);
            if (schedule.stale(crl, clock.instant(), lastRevocation, revokedSince.contains(ca))) {
                revokedSince.remove(ca); // before reading: a revocation committed meanwhile marks it again
                crl = generate(ca, null);
            }
            return crl;
        }
    }

    /** The CA's current delta CRL, on top of its current full CRL. */
    StoredCrl delta(String ca) {
        synchronized (lock(ca)) {
            StoredCrl base = full(ca);
            StoredCrl crl = cached(ca, true);
            if (crl == null || !base.number().equals(crl.baseNumber())
                    || schedule.stale(crl, clock.instant(), certificates.lastRevocation(ca), false)) {
                crl = generate(ca, base);
            }
            return crl;
        }
    }

    private StoredCrl cached(String ca, boolean delta) {
        String key = ca + (delta ? "/delta" : "/full");
        StoredCrl crl = latest.get(key);
        if (crl == null) {
            crl = repository.find(ca, delta).orElse(null);
            if (crl != null) {
                latest.put(key, crl);
            }
        }
        return crl;
    }

    /** Writes and stores a full CRL ({@code base} null) or a delta CRL on {@code base}. */
    private StoredCrl generate(String ca, StoredCrl base) {
        StoredCrl crl = transaction.execute(status -> {
            Instant generatedAt = clock.instant();
            BigInteger number = repository.nextNumber(ca);
            Instant thisUpdate = generatedAt.truncatedTo(ChronoUnit.SECONDS);
            Instant nextUpdate = schedule.nextUpdate(thisUpdate);
            CrlParameters parameters = base == null ? CrlParameters.full(number, thisUpdate, nextUpdate)
                    : CrlParameters.delta(number, base.number(), thisUpdate, nextUpdate);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CrlWriter writer = writers.computeIfAbsent(ca,
                    label -> new CrlWriter(authorities.hierarchy(label).orElseThrow().issuing()));
            WrittenCrl written = certificates.withRevoked(ca, base == null ? null : schedule.deltaSince(base),
                    entries -> writer.write(parameters, entries, out));
            StoredCrl stored = new StoredCrl(ca, base != null, number, base == null ? null : base.number(),
                    generatedAt, thisUpdate, nextUpdate, written.entries(), out.toByteArray());
            repository.save(stored);
            audit.record(new AuditEntry(ACTOR, base == null ? "crl.published" : "delta-crl.published", "crl",
                    ca + "/" + number, written.entries() + " entries, " + written.bytes() + " bytes, next update "
                            + nextUpdate + (base == null ? "" : ", base " + base.number())));
            return stored;
        });
        latest.put(ca + (base != null ? "/delta" : "/full"), crl);
        return crl;
    }

    private Object lock(String ca) {
        return locks.computeIfAbsent(ca, k -> new Object());
    }
}
