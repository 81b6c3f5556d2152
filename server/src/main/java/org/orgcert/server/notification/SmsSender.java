package org.orgcert.server.notification;

import java.util.Optional;

/**
 * Hands an SMS to a carrier's gateway. {@link OutboxDelivery} calls it after the transaction that put the message
 * in the outbox committed, and again from its retry job for a message not yet taken; the outbox stays the record
 * either way. Chosen by {@code orgcert.sms.gateway}: {@code outbox-only} ({@link OutboxOnlySmsSender}, the
 * default) or {@code smpp} ({@link SmppSmsSender}); a deployment may also declare a bean of its own.
 */
public interface SmsSender {

    /**
     * Sends {@code text} to the 11-digit mainland number {@code mobile}.
     *
     * @return the gateway's message id(s) when it accepted the message (it is then marked sent); empty when this
     *         sender sends nothing at all (the message waits in the outbox and no attempt is counted)
     * @throws SmsGatewayException when the gateway did not take it: the attempt is counted and retried later
     */
    Optional<String> send(String mobile, String text) throws SmsGatewayException;

    /** False when this sender never sends (outbox only): the retry job then leaves the outbox alone. */
    default boolean sends() {
        return true;
    }
}
