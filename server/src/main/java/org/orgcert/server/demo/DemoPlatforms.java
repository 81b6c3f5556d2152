package org.orgcert.server.demo;

import java.util.List;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.platform.PlatformRegistration;
import org.orgcert.server.platform.RelyingPlatforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code ./orgcert serve --demo}: the guide's relying platforms (R-USE-1..3) on this machine's loopback, so a
 * newcomer can sign in to the demo platform under {@code examples/} with the key and see the others on the staff
 * pages. Each is registered once per database (a platform already there is left as it is, changed or not).
 *
 * <p>昆明智慧就业 ({@code kmzhjy}, port 8081) is a public client: no secret to ship with the example (PKCE protects
 * the code, as for every platform). The two others are confidential: their secrets are generated and thrown away,
 * since nothing runs on their ports; the administrator can give one a new secret on its page to see that step.
 */
@Component
@ConditionalOnProperty(name = "orgcert.demo", havingValue = "true")
class DemoPlatforms {
    private static final Logger LOG = LoggerFactory.getLogger(DemoPlatforms.class);
    private static final Actor DEMO = Actor.system("demo");

    /** The demo platform under examples/ (R-USE-1): its client id and addresses are what the example expects. */
    static final PlatformRegistration KMZHJY = new PlatformRegistration("kmzhjy", "“昆明智慧就业”信息平台",
            List.of("http://127.0.0.1:8081/login/oauth2/code/orgcert"), List.of("http://127.0.0.1:8081/"),
            "http://127.0.0.1:8081/logout/connect/back-channel/orgcert", List.of("openid", "employer", "certificate"),
            true, "none");

    static final List<PlatformRegistration> PLATFORMS = List.of(KMZHJY,
            // R-USE-2: employment and unemployment registration, unemployment insurance.
            new PlatformRegistration("ynjyfw", "云南省公共就业网上服务办事大厅",
                    List.of("http://127.0.0.1:8082/login/oauth2/code/orgcert"), List.of("http://127.0.0.1:8082/"),
                    null, List.of("openid", "employer"), true, "client_secret_basic"),
            // R-USE-3: any other system that accepts the CA's 一证通, e.g. the housing provident fund.
            new PlatformRegistration("kmgjj", "昆明市住房公积金系统",
                    List.of("http://127.0.0.1:8083/login/oauth2/code/orgcert"), List.of("http://127.0.0.1:8083/"),
                    null, List.of("openid", "employer", "certificate"), true, "client_secret_basic"));

    private final RelyingPlatforms platforms;

    DemoPlatforms(RelyingPlatforms platforms) {
        this.platforms = platforms;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(110)
    void load() {
        List<PlatformRegistration> missing = PLATFORMS.stream()
                .filter(p -> platforms.find(p.clientId()).isEmpty()).toList();
        // The secrets of the confidential ones are not kept: nothing runs on their ports.
        missing.forEach(p -> platforms.register(p, DEMO));
        if (!missing.isEmpty()) {
            LOG.info("demo relying platforms registered: {} (kmzhjy is the example under examples/, a public client"
                    + " on http://127.0.0.1:8081)", missing.stream().map(PlatformRegistration::clientId).toList());
        }
    }
}
