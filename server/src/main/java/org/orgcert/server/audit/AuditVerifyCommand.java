package org.orgcert.server.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code ./orgcert audit-verify}: checks the audit chain against the database and exits 0 when intact, 1
 * naming the first broken record otherwise, so an auditor can run it from cron without the service.
 */
@Component
@ConditionalOnProperty(name = "orgcert.command", havingValue = "audit-verify")
class AuditVerifyCommand implements ApplicationRunner {
    private final AuditLog log;
    private final ConfigurableApplicationContext context;

    AuditVerifyCommand(AuditLog log, ConfigurableApplicationContext context) {
        this.log = log;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuditVerification result = log.verify();
        int code;
        if (result instanceof AuditVerification.Intact intact) {
            System.out.println("audit chain intact: " + intact.records() + " records");
            code = 0;
        } else {
            AuditVerification.Broken broken = (AuditVerification.Broken) result;
            System.out.println("audit chain BROKEN at record " + broken.seq() + ": " + broken.reason());
            code = 1;
        }
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
