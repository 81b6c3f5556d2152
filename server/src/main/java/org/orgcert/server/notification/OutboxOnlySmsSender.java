package org.orgcert.server.notification;

import java.util.Optional;

/**
 * The default {@link SmsSender} ({@code orgcert.sms.gateway=outbox-only}): sends nothing, so every SMS stays in
 * the outbox, where a bureau administrator can read it in development ({@code orgcert.dev-outbox-visible=true}).
 */
public class OutboxOnlySmsSender implements SmsSender {

    @Override
    public Optional<String> send(String mobile, String text) {
        return Optional.empty();
    }

    @Override
    public boolean sends() {
        return false;
    }
}
