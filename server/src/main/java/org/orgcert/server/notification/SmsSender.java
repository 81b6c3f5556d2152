package org.orgcert.server.notification;

/**
 * Hands an SMS to a carrier's gateway. Called after the transaction that put the message in the outbox
 * committed; a message the sender does not take stays in the outbox unsent. Replace the default
 * {@link OutboxOnlySmsSender} by declaring another bean of this type.
 */
public interface SmsSender {

    /**
     * Sends {@code text} to the 11-digit mainland number {@code mobile}.
     *
     * @return true when the gateway accepted it (the message is then marked sent), false to leave it waiting
     */
    boolean send(String mobile, String text);
}
