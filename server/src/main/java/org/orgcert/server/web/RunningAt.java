package org.orgcert.server.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs where the service answers once it is ready: "OrgCert is running at http://localhost:8080/". */
@Component
class RunningAt {
    private static final Logger LOG = LoggerFactory.getLogger(RunningAt.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        LOG.info("OrgCert is running at http://localhost:{}/", port);
    }
}
