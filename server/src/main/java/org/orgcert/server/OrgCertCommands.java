package org.orgcert.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * What a one-shot command ({@code ./orgcert audit-verify}, {@code ./orgcert import-registry FILE}) runs on: the
 * database, the clock and the audit log, and the command itself. Not the service: no web server, no CA key stores
 * (so no CA passphrase is read, let alone made), no token stock, no scheduler, no start-up sweeps or renewals,
 * nothing that writes but the command (review of issue 12, finding 7). A command that needs more marks its configuration {@link CommandContextPart}.
 *
 * <p>Deliberately not a component: the service's own context (component scan of this package) never reads it.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        FlywayAutoConfiguration.class})
@EnableConfigurationProperties(OrgCertProperties.class)
// The database, the clock, the audit beans and the registry import: every class marked @CommandContextPart.
@ComponentScan(basePackageClasses = OrgCertCommands.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(CommandContextPart.class))
public final class OrgCertCommands {
    /** The commands there are ({@code --orgcert.command=NAME}). */
    static final java.util.Set<String> NAMES = java.util.Set.of("audit-verify", "import-registry");

    /** The application a command runs in; its exit code is the command's ({@link SpringApplication#exit}). */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(OrgCertCommands.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application;
    }
}
