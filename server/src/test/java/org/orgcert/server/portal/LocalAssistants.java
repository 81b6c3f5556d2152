package org.orgcert.server.portal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.TokenSource;
import org.orgcert.key.local.AccessLog;
import org.orgcert.key.local.AllowedOrigins;
import org.orgcert.key.local.LocalApi;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.server.KeyHolders;

/**
 * The employer's USB-key assistant ({@code orgcert-key serve}) running on this machine for a browser test: its
 * real local API on 127.0.0.1:17017, where the certificate page's script calls it, over the software token the
 * service made for {@code holder}, accepting pages of the service at {@code serviceUrl} and talking to it.
 */
final class LocalAssistants {
    private static final Path DATA = Path.of("target/test-data");

    private LocalAssistants() {
    }

    /** Starts it; close it at the end of the test. */
    static LocalApi start(KeyHolders.Holder holder, String serviceUrl, Clock clock) throws IOException {
        String token = holder.token().info().serial();
        return LocalApi.start(LocalApi.DEFAULT_PORT, AllowedOrigins.of(List.of(serviceUrl)),
                new TokenSource.Software(DATA.resolve("tokens").resolve(token + ".token"),
                        DATA.resolve("keys/token-device.key")), new KeyAssistant(clock),
                new ServiceClient(URI.create(serviceUrl)), clock, AccessLog.NONE);
    }
}
