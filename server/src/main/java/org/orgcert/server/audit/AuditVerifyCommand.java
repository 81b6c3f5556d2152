package org.orgcert.server.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code ./orgcert audit-verify}: checks the audit log ({@link AuditVerifier#verify}) and exits 0 when intact, 1
 * naming what is broken (records removed since the last checkpoint, changed records, records the service did not
 * write), 2 when it could not check, so an auditor can run it from cron. It only reads: the database, the audit
 * keys and the checkpoint file.
 */
@Component
@ConditionalOnProperty(name = "orgcert.command", havingValue = "audit-verify")
class AuditVerifyCommand implements ApplicationRunner {
    private final AuditVerifier verifier;
    private final ConfigurableApplicationContext context;

    AuditVerifyCommand(AuditVerifier verifier, ConfigurableApplicationContext context) {
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuditVerification result = verifier.verify();
        int code;
        if (result instanceof AuditVerification.Intact intact) {
            System.out.println("audit chain intact: " + intact.records() + " records"
                    + (intact.pending() > 0 ? ", " + intact.pending() + " waiting to be chained" : "")
                    + intact.lastCheckpoint().map(c -> "; reaches the checkpoint of " + c.at()).orElse("; no checkpoint yet"));
            code = 0;
        } else if (result instanceof AuditVerification.Broken broken) {
            System.out.println("audit chain BROKEN: " + broken.summary());
            broken.brokenLinks().forEach(link -> System.out.println("  record " + link.seq()
                    + (link.recordId() > 0 ? " (id " + link.recordId() + ")" : "") + ": " + link.reason()));
            code = 1;
        } else {
            System.out.println("audit chain NOT CHECKED: " + ((AuditVerification.Unverifiable) result).reason());
            code = 2;
        }
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
