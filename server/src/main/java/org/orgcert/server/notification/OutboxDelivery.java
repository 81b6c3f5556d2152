package org.orgcert.server.notification;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.orgcert.server.privacy.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Hands outbox messages to the {@link SmsSender} and keeps what happened in the outbox, the record of every SMS:
 * sent (with the gateway's message ids), or still queued with the attempts counted, the last error (never the
 * number or the text) and when the next attempt is due. A message is tried right after the transaction that
 * queued it commits (on a worker thread: a slow gateway holds no request), then by the {@code sms-outbox} job
 * (db-scheduler, one node at a time) with a backoff from {@code orgcert.sms.retry-first} doubling up to
 * {@code orgcert.sms.retry-max}. Nothing is ever dropped: a message waits until a gateway takes it.
 *
 * <p>Each attempt first claims the message (moves its next attempt ahead by a lease in one compare-and-set
 * update), so two nodes, or the worker and the job, never hand the same message to the gateway at once.
 */
@Service
public class OutboxDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
    /** How long a claimed message is left alone by other attempts (longer than any attempt takes). */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 200;
    private static final int MAX_BATCHES = 50;

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final SmsSender sender;
    private final SmsSettings settings;
    private final Clock clock;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "sms-outbox");
                thread.setDaemon(true);
                return thread;
            });

    OutboxDelivery(JdbcTemplate jdbc, PersonalDataCipher cipher, SmsSender sender, SmsSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
    }

    /** After commit: tries the message soon on the worker; if the worker is full, the job tries it. */
    void deliverSoon(UUID id) {
        if (!sender.sends()) {
            return;
        }
        try {
            worker.execute(() -> deliver(id, sender));
        } catch (RejectedExecutionException e) {
            LOG.info("SMS {} waits for the sms-outbox job (the sending queue is full)", id);
        }
    }

    /** The job: tries every message whose next attempt is due; returns how many the gateway took. */
    public int deliverDue() {
        return sender.sends() ? deliverDue(sender) : 0;
    }

    /** {@link #deliverDue()} through the given sender (tests give one that reaches their own gateway). */
    int deliverDue(SmsSender through) {
        int sent = 0;
        // Batch after batch until none is due: each attempt moves its message's next attempt ahead.
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<UUID> due = jdbc.queryForList("SELECT id FROM notification_outbox WHERE sent_at IS NULL"
                    + " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?", UUID.class,
                    Timestamp.from(clock.instant()), BATCH);
            boolean tried = false;
            for (UUID id : due) {
                Attempt attempt = deliver(id, through);
                tried |= attempt != Attempt.NOT_TRIED;
                if (attempt == Attempt.SENT) {
                    sent++;
                }
            }
            if (due.size() < BATCH || !tried) {
                break;
            }
        }
        return sent;
    }

    /** What an attempt came to. */
    enum Attempt {
        /** The gateway took it. */
        SENT,
        /** The gateway did not: counted, retried later. */
        FAILED,
        /** Not tried: already sent, not due, claimed by another attempt, or the sender sends nothing. */
        NOT_TRIED
    }

    /** One attempt at message {@code id} through {@code through}, if it is due and nobody else is at it. */
    Attempt deliver(UUID id, SmsSender through) {
        Instant now = clock.instant();
        List<Claimed> claimed = jdbc.query("UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ?"
                + " AND sent_at IS NULL AND next_attempt_at <= ? RETURNING recipient_masked, recipient, text, attempts",
                (rs, i) -> new Claimed(rs.getString("recipient_masked"), rs.getBytes("recipient"),
                        rs.getBytes("text"), rs.getInt("attempts")),
                Timestamp.from(now.plus(LEASE)), id, Timestamp.from(now));
        if (claimed.isEmpty()) {
            return Attempt.NOT_TRIED;
        }
        Claimed message = claimed.get(0);
        String failure;
        try {
            Optional<String> ids = through.send(cipher.decrypt(id, Notifications.RECIPIENT, message.recipient()),
                    cipher.decrypt(id, Notifications.TEXT, message.text()));
            if (ids.isEmpty()) {
                // A sender that sends nothing: the message waits as it was, no attempt counted.
                jdbc.update("UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ?", Timestamp.from(now), id);
                return Attempt.NOT_TRIED;
            }
            Instant done = clock.instant();
            jdbc.update("UPDATE notification_outbox SET sent_at = ?, gateway_message_id = ?, attempts = attempts + 1,"
                    + " last_attempt_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
                    Timestamp.from(done), ids.get(), Timestamp.from(done), id);
            LOG.info("SMS {} to {} taken by the gateway after {} attempt(s)", id, message.masked(),
                    message.attempts() + 1);
            return Attempt.SENT;
        } catch (SmsGatewayException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = "the sender failed: " + e.getClass().getSimpleName();
        }
        int attempts = message.attempts() + 1;
        Instant next = clock.instant().plus(settings.backoff(attempts));
        jdbc.update("UPDATE notification_outbox SET attempts = ?, last_error = ?, last_attempt_at = ?,"
                + " next_attempt_at = ? WHERE id = ?", attempts, failure, Timestamp.from(clock.instant()),
                Timestamp.from(next), id);
        LOG.warn("SMS {} to {} stays queued after attempt {} ({}); next attempt at {}", id, message.masked(), attempts,
                failure, next);
        return Attempt.FAILED;
    }

    private record Claimed(String masked, byte[] recipient, byte[] text, int attempts) {
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
