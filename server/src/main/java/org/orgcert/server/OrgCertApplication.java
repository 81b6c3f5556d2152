package org.orgcert.server;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The OrgCert service: one deployable with a package per business capability (see docs/architecture.md).
 * Started by {@code ./orgcert serve}; on its embedded PostgreSQL unless {@code ORGCERT_DB_URL} is set.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrgCertApplication {
    /** Exit code of a command that could not do its work (no database, unreadable keys...). */
    static final int COMMAND_FAILED = 2;

    public static void main(String[] args) {
        boolean command = Arrays.stream(args).anyMatch(arg -> arg.startsWith("--orgcert.command="));
        try {
            SpringApplication.run(OrgCertApplication.class, args);
        } catch (RuntimeException e) {
            if (!command) {
                throw e;
            }
            // A command's own answers (audit-verify: 0 intact, 1 broken) exit from the command; anything
            // else is "could not check", which a cron job must not read as a broken chain.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("could not run the command: " + cause.getMessage());
            System.exit(COMMAND_FAILED);
        }
    }
}
