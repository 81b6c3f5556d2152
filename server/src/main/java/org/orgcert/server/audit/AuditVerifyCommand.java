package org.orgcert.server.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./orgcert audit-verify}: checks the audit log ({@link AuditVerifier#verify}) and exits 0 when intact, 1
 * naming what is broken (records removed since the last checkpoint, changed records, records the service did not
 * write, records kept out of the chain or removed before it), 2 when it could not check, so that it can run from
 * cron. It only reads: the database, the audit MAC key and the checkpoints' public key, and the checkpoint file;
 * it runs in a command's own small context (no CA, no passphrase; {@code org.orgcert.server.OrgCertCommands}).
 */
@Component
@ConditionalOnProperty(name = "orgcert.command", havingValue = "audit-verify")
class AuditVerifyCommand implements ApplicationRunner, ExitCodeGenerator {
    private final AuditVerifier verifier;
    /** "Could not check" until the check has run. */
    private int exitCode = 2;

    AuditVerifyCommand(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public int getExitCode() {
        return exitCode;
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
        exitCode = code;
    }
}
