package org.orgcert.server.notification;

/**
 * The default {@link SmsSender}: sends nothing, so every SMS stays in the outbox, where a bureau
 * administrator can read it in development ({@code orgcert.dev-outbox-visible=true}).
 */
public class OutboxOnlySmsSender implements SmsSender {

    @Override
    public boolean send(String mobile, String text) {
        return false;
    }
}
