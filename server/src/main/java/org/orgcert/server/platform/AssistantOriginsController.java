package org.orgcert.server.platform;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.orgcert.server.PublicUrl;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/signin/assistant-origins} (public): the origins whose pages the employer's assistant serves
 * (docs/signin.md), the provider's own first (its sign-in page asks the assistant), then every enabled platform's.
 * The assistant reads it at start and every 10 minutes, so a platform disabled here stops reaching the key soon.
 */
@RestController
class AssistantOriginsController {
    private final PlatformClients clients;
    private final PublicUrl publicUrl;

    AssistantOriginsController(PlatformClients clients, PublicUrl publicUrl) {
        this.clients = clients;
        this.publicUrl = publicUrl;
    }

    record Origins(List<String> origins) {
    }

    @GetMapping("/api/v1/signin/assistant-origins")
    Origins origins(jakarta.servlet.http.HttpServletRequest request) {
        Set<String> origins = new LinkedHashSet<>();
        origins.add(PlatformUris.origin(publicUrl.base()));
        if (!publicUrl.configured()) {
            // On loopback only, the sign-in page is reached as localhost or 127.0.0.1 (as the provider accepts).
            origins.add("http://localhost:" + request.getLocalPort());
            origins.add("http://127.0.0.1:" + request.getLocalPort());
        }
        origins.addAll(clients.assistantOrigins());
        return new Origins(List.copyOf(origins));
    }
}
