package org.orgcert.server.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.privacy.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The notification outbox (table {@code notification_outbox}). A capability calls {@link #sendSms} inside
 * the transaction that decided to send: the message is stored with that change (or not at all) and handed
 * to {@link OutboxDelivery} only after commit, which keeps trying until a gateway takes it. Recipient and text
 * are encrypted at rest; logs name only the masked number.
 */
@Service
public class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final String RECIPIENT = "recipient";
    static final String TEXT = "text";

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final OutboxDelivery delivery;
    private final Clock clock;

    Notifications(JdbcTemplate jdbc, PersonalDataCipher cipher, OutboxDelivery delivery, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** Puts an SMS in the outbox; the sender gets it after the caller's transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID sendSms(MobileNumber recipient, String text) {
        return sendSms(recipient, text, null);
    }

    /**
     * Puts an SMS in the outbox, naming the bureau's text it was made from ({@code template}, shown in the staff
     * view); the sender gets it after the caller's transaction commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID sendSms(MobileNumber recipient, String text, String template) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO notification_outbox (id, channel, recipient_masked, recipient, text, created_at,"
                + " next_attempt_at, template_key) VALUES (?, 'SMS', ?, ?, ?, ?, ?, ?)", id, recipient.masked(),
                cipher.encrypt(id, RECIPIENT, recipient.value()), cipher.encrypt(id, TEXT, text), now, now, template);
        LOG.debug("SMS {} to {} queued", id, recipient.masked());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                delivery.deliverSoon(id);
            }
        });
        return id;
    }

    /** One message as staff see it (texts only when {@code showText}), or empty. */
    public java.util.Optional<OutboxMessage> find(UUID id, boolean showText) {
        return jdbc.query("SELECT * FROM notification_outbox WHERE id = ?", (rs, i) -> message(rs, showText), id)
                .stream().findFirst();
    }

    /**
     * The latest {@code limit} messages to {@code recipient}, newest first, with their texts: for the demo's
     * made-up numbers only, whose SMS nobody receives. Found by the masked number, then told apart by the
     * decrypted one (numbers are stored encrypted, so there is no index on them).
     */
    public List<OutboxMessage> latestTo(MobileNumber recipient, int limit) {
        return jdbc.query("SELECT * FROM notification_outbox WHERE recipient_masked = ? ORDER BY created_at DESC, id",
                (rs, i) -> recipient.value().equals(cipher.decrypt(rs.getObject("id", UUID.class), RECIPIENT,
                        rs.getBytes("recipient"))) ? message(rs, true) : null, recipient.masked())
                .stream().filter(Objects::nonNull).limit(limit).toList();
    }

    /** The latest {@code limit} messages, newest first; texts only when {@code showText}. */
    public List<OutboxMessage> latest(int limit, boolean showText) {
        return jdbc.query("SELECT * FROM notification_outbox ORDER BY created_at DESC, id LIMIT ?",
                (rs, i) -> message(rs, showText), Math.min(Math.max(limit, 1), 500));
    }

    /**
     * The outbox for staff, newest first: messages still queued only when {@code queuedOnly}; texts only when
     * {@code showText}.
     */
    public List<OutboxMessage> latest(int limit, boolean showText, boolean queuedOnly) {
        return jdbc.query("SELECT * FROM notification_outbox" + (queuedOnly ? " WHERE sent_at IS NULL" : "")
                + " ORDER BY created_at DESC, id LIMIT ?", (rs, i) -> message(rs, showText),
                Math.min(Math.max(limit, 1), 500));
    }

    /** How many messages wait for a gateway, and how many of them failed at least once. */
    public Queued queued() {
        return jdbc.queryForObject("SELECT count(*) AS waiting, count(*) FILTER (WHERE attempts > 0) AS failing"
                + " FROM notification_outbox WHERE sent_at IS NULL", (rs, i) -> new Queued(rs.getLong("waiting"),
                        rs.getLong("failing")));
    }

    /** The outbox's backlog: messages not yet taken by a gateway, of which {@code failing} failed before. */
    public record Queued(long waiting, long failing) {
    }

    private OutboxMessage message(ResultSet rs, boolean showText) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new OutboxMessage(id, rs.getString("channel"), rs.getString("recipient_masked"),
                showText ? cipher.decrypt(id, TEXT, rs.getBytes("text")) : null,
                rs.getTimestamp("created_at").toInstant(), instant(rs, "sent_at"),
                rs.getTimestamp("sent_at") != null ? OutboxMessage.State.SENT
                        : rs.getInt("attempts") > 0 ? OutboxMessage.State.RETRYING : OutboxMessage.State.QUEUED,
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "last_attempt_at"),
                rs.getTimestamp("sent_at") == null ? instant(rs, "next_attempt_at") : null,
                rs.getString("gateway_message_id"), rs.getString("template_key"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
