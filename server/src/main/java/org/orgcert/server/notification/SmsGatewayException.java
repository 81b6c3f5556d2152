package org.orgcert.server.notification;

/**
 * The gateway did not take a message (unreachable, bind refused, no answer in time, submit refused). The message
 * is kept by the outbox as its last error: it names what failed and the gateway's status, never the recipient,
 * the text or a credential.
 */
public class SmsGatewayException extends Exception {

    public SmsGatewayException(String reason) {
        super(reason, null, false, false);
    }
}
