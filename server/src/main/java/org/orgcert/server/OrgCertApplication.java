package org.orgcert.server;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The OrgCert service: one deployable with a package per business capability (see docs/architecture.md).
 * Started by {@code ./orgcert serve}; on its embedded PostgreSQL unless {@code ORGCERT_DB_URL} is set. The
 * one-shot commands ({@code --orgcert.command=...}) do not start it: they run in {@link OrgCertCommands}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrgCertApplication {
    /** Exit code of a command that could not do its work (no database, unreadable keys...). */
    static final int COMMAND_FAILED = 2;
    private static final String COMMAND_ARGUMENT = "--orgcert.command=";

    public static void main(String[] args) {
        Optional<String> command = Arrays.stream(args).filter(arg -> arg.startsWith(COMMAND_ARGUMENT))
                .map(arg -> arg.substring(COMMAND_ARGUMENT.length())).findFirst();
        if (command.isEmpty()) {
            SpringApplication.run(OrgCertApplication.class, args);
            return;
        }
        System.exit(runCommand(command.get(), args));
    }

    /**
     * Runs a one-shot command in a context of its own ({@link OrgCertCommands}: database and audit log, no CA, no
     * tokens, no web server, no scheduler) and returns its exit code: the command's own answer (audit-verify: 0
     * intact, 1 broken), or {@value #COMMAND_FAILED} when it could not run, which a cron job must not read as a
     * broken chain.
     */
    static int runCommand(String name, String... args) {
        if (!OrgCertCommands.NAMES.contains(name)) {
            System.err.println("no command " + name + "; the commands are " + OrgCertCommands.NAMES);
            return COMMAND_FAILED;
        }
        try {
            return SpringApplication.exit(OrgCertCommands.application().run(args));
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("could not run the command: " + cause.getMessage());
            return COMMAND_FAILED;
        }
    }
}
