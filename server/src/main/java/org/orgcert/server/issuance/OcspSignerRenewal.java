package org.orgcert.server.issuance;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks the OCSP signers once a day and renews those with less than 30 days left, so a service that runs
 * for months never answers with an expired responder certificate.
 *
 * <p>On every node rather than as a cluster-wide job: each node holds its CA keys in its own data folder
 * and its own responders in memory, so each renews what it uses.
 */
@Component
class OcspSignerRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(OcspSignerRenewal.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ocsp-signer-renewal");
        thread.setDaemon(true);
        return thread;
    });

    OcspSignerRenewal(CertificateAuthorities authorities,
            @Value("${orgcert.issuance.ocsp-signer-check-hours:24}") long hours) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                authorities.renewOcspSignersIfDue(CertificateAuthorities.OCSP_SIGNER_RENEWAL);
            } catch (RuntimeException e) {
                LOG.error("renewing the OCSP signers failed; retrying in {} hours", hours, e);
            }
        }, hours, hours, TimeUnit.HOURS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
