package org.orgcert.server.audit;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Anchors the audit chain outside the database: every {@code orgcert.audit.checkpoint-every} (10 s) it checks the
 * links added since the last checkpoint and, when the head or the number of records moved or the last checkpoint
 * is a minute old, signs a new one ({@link AuditCheckpoint}), appends it to {@link AuditCheckpointFile} and writes the same line to the log
 * (which usually leaves the machine). A rewrite of the audit tables can then be told from the real chain for all
 * but the last few seconds of it.
 *
 * <p>It never signs a chain that does not extend its last checkpoint (records removed or rewritten, or links that
 * do not verify, or fewer records than it counted): it says so in the log instead, every minute, so the evidence stays in the file. Only the
 * service runs it, never a one-shot command such as {@code audit-verify}; a zero period turns the schedule off
 * (tests call {@link #checkpoint} themselves).
 */
@Component
@ConditionalOnExpression("'${orgcert.command:}' == ''")
public class AuditCheckpointer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);
    /** The longest a checkpoint stays the last one, even when nothing was recorded: the file says the service ran. */
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final AuditVerifier verifier;
    private final AuditCheckpointFile file;
    private final AuditKeyring keys;
    private final AuditChainer chainer;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-checkpointer");
        thread.setDaemon(true);
        return thread;
    });
    private final boolean scheduled;
    private Instant lastRefusal = Instant.MIN;

    AuditCheckpointer(AuditVerifier verifier, AuditCheckpointFile file, AuditKeyring keys, AuditChainer chainer,
            Clock clock, @Value("${orgcert.audit.checkpoint-every:10s}") Duration every) {
        this.verifier = verifier;
        this.file = file;
        this.keys = keys;
        this.chainer = chainer;
        this.clock = clock;
        this.scheduled = !every.isZero();
        if (scheduled) {
            long millis = Math.min(every.toMillis(), MAX_AGE.toMillis());
            worker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            // The database or the disk may be briefly unavailable; the next tick retries.
            LOG.warn("audit checkpoint failed, retrying: {}", e.getMessage());
        }
    }

    /**
     * Writes a checkpoint of the head when it moved since the last one or that one is {@link #MAX_AGE} old;
     * returns it, or empty when none was due or the chain does not extend the last one (then logged as an error).
     */
    public synchronized Optional<AuditCheckpoint> checkpoint() {
        Optional<AuditCheckpoint> last = file.last();
        AuditVerifier.Extension head = verifier.extending(last);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (head.problem() != null) {
            if (!now.isBefore(lastRefusal.plus(MAX_AGE))) {
                lastRefusal = now;
                LOG.error("AUDIT CHAIN TAMPERED: no checkpoint written, {}; run ./orgcert audit-verify", head.problem());
            }
            return Optional.empty();
        }
        // The log growing without the chain moving (records not chained yet) is also worth a checkpoint: it
        // counts them, so that removing them before they are chained is found.
        boolean moved = last.map(c -> c.records() != head.records() || !Arrays.equals(c.headHash(), head.headHash())
                || c.highestId() != head.highestId() || c.count() != head.count()).orElse(true);
        boolean old = last.map(c -> !now.isBefore(c.at().plus(MAX_AGE))).orElse(true);
        if (!moved && !old) {
            return Optional.empty();
        }
        AuditCheckpoint checkpoint = AuditCheckpoint.sign(now, head.records(), head.headHash(), head.highestId(), head.count(),
                keys.signingKey());
        file.append(checkpoint);
        LOG.info("audit checkpoint {}", checkpoint.line());
        return Optional.of(checkpoint);
    }

    /**
     * A last chaining pass and a last checkpoint on the way out (the web server has stopped taking requests), so
     * that the file ends at the chain's final head and no record is left unchained behind it: audit-verify on a
     * stopped service's folder (a restore drill) would name such a record as kept out of the chain.
     */
    @PreDestroy
    void stop() {
        worker.shutdownNow();
        if (scheduled) {
            try {
                chainer.chainAll();
            } catch (RuntimeException e) {
                LOG.warn("last audit chaining failed, the next start chains the rest: {}", e.getMessage());
            }
            tick();
        }
    }
}
