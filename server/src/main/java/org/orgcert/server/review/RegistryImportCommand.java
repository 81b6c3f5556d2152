package org.orgcert.server.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code ./orgcert import-registry FILE.csv}: loads unemployment-insurance records into the bundled
 * registry (R-REV interpretation), all or nothing, and exits 0, or 1 with the reason.
 */
@Component
@ConditionalOnProperty(name = "orgcert.command", havingValue = "import-registry")
class RegistryImportCommand implements ApplicationRunner {
    private final BundledInsuranceRegistry registry;
    private final ConfigurableApplicationContext context;
    private final String file;

    RegistryImportCommand(BundledInsuranceRegistry registry, ConfigurableApplicationContext context,
            @Value("${orgcert.command-file:}") String file) {
        this.registry = registry;
        this.context = context;
        this.file = file;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code;
        try (var reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            System.out.println("imported " + registry.importCsv(reader, "command:import-registry") + " insurance records from " + file);
            code = 0;
        } catch (IOException | RuntimeException e) {
            System.out.println("nothing imported: " + e.getMessage());
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
