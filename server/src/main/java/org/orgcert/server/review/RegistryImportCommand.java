package org.orgcert.server.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./orgcert import-registry FILE.csv}: loads unemployment-insurance records into the bundled
 * registry (R-REV interpretation), all or nothing, and exits 0, or 1 with the reason. Runs in a command's own
 * small context ({@code org.orgcert.server.OrgCertCommands}); its audit record is chained by the service.
 */
@Component
@ConditionalOnProperty(name = "orgcert.command", havingValue = "import-registry")
class RegistryImportCommand implements ApplicationRunner, ExitCodeGenerator {
    private final BundledInsuranceRegistry registry;
    private final String file;
    /** "Could not run" until the import has run. */
    private int exitCode = 2;

    RegistryImportCommand(BundledInsuranceRegistry registry, @Value("${orgcert.command-file:}") String file) {
        this.registry = registry;
        this.file = file;
    }

    @Override
    public int getExitCode() {
        return exitCode;
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
        exitCode = code;
    }
}
