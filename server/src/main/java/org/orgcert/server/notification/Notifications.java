package org.orgcert.server.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
 * to the {@link SmsSender} only after commit. Recipient and text are encrypted at rest; logs name only the
 * masked number.
 */
@Service
public class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final String RECIPIENT = "recipient";
    static final String TEXT = "text";

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final SmsSender sender;
    private final Clock clock;

    Notifications(JdbcTemplate jdbc, PersonalDataCipher cipher, SmsSender sender, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.sender = sender;
        this.clock = clock;
    }

    /** Puts an SMS in the outbox; the sender gets it after the caller's transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID sendSms(MobileNumber recipient, String text) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO notification_outbox (id, channel, recipient_masked, recipient, text, created_at)"
                + " VALUES (?, 'SMS', ?, ?, ?, ?)", id, recipient.masked(),
                cipher.encrypt(id, RECIPIENT, recipient.value()), cipher.encrypt(id, TEXT, text),
                Timestamp.from(clock.instant()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                deliver(id, recipient, text);
            }
        });
        return id;
    }

    private void deliver(UUID id, MobileNumber recipient, String text) {
        try {
            if (sender.send(recipient.value(), text)) {
                jdbc.update("UPDATE notification_outbox SET sent_at = ? WHERE id = ?", Timestamp.from(clock.instant()), id);
            }
        } catch (RuntimeException e) {
            LOG.warn("SMS {} to {} stays in the outbox: {}", id, recipient.masked(), e.toString());
        }
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

    private OutboxMessage message(ResultSet rs, boolean showText) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutboxMessage(id, rs.getString("channel"), rs.getString("recipient_masked"),
                showText ? cipher.decrypt(id, TEXT, rs.getBytes("text")) : null,
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant());
    }
}
