package org.orgcert.examples.kmzhjy;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.orgcert.key.TokenSource;
import org.orgcert.key.local.LocalApi;
import org.orgcert.key.local.LocalAssistant;
import org.orgcert.key.service.ServiceClient;

/**
 * The employer's real assistant, as {@code orgcert-key serve --service <the service>} runs it: the local API on
 * 127.0.0.1:17017 (the provider's sign-in page calls that fixed address), the provider's origins, and the key
 * watcher that reports a removed key. It serves one software token.
 */
final class Assistants {
    /** Other test runs on this machine use port 17017 too (the server's browser tests): wait for it this long. */
    private static final Duration PORT_WAIT = Duration.ofMinutes(3);

    private Assistants() {
    }

    static LocalAssistant start(EmployerKeys.Key key, String serviceUrl) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(PORT_WAIT);
        while (true) {
            try {
                // A second's first pause before telling the provider again of a removed key, as serve does.
                return LocalAssistant.start(LocalApi.DEFAULT_PORT, List.of(serviceUrl),
                        new TokenSource.Software(key.tokenFile(), key.deviceKey()), new ServiceClient(URI.create(serviceUrl)),
                        Clock.systemUTC(), Duration.ofSeconds(1), line -> System.out.println("[assistant] " + line));
            } catch (BindException taken) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("127.0.0.1:" + LocalApi.DEFAULT_PORT + " stayed taken for " + PORT_WAIT
                            + ": another assistant runs on this machine", taken);
                }
                Thread.sleep(1000);
            }
        }
    }
}
