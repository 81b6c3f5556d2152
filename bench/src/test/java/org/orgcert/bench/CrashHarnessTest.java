package org.orgcert.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness's short form (issue 12): the service from this module's class path, in its own process on
 * a fresh data folder, one round of productions and one of renewals, each ended by SIGKILL to the service and
 * its PostgreSQL; then nothing acknowledged may be missing, nothing signed unrecorded, duplicated or unaccounted,
 * and the audit chain must verify. {@code bench/run crash} is the long form with figures.
 */
class CrashHarnessTest {

    @Test
    void killedTwiceUnderLoadTheServiceLosesNothingItAcknowledged_R_CERT_2_R_REN_1(@TempDir Path data) throws Exception {
        // Run by root, PostgreSQL runs as orgcert-db, which must pass every folder above the data folder.
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        CrashService service = new CrashService(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.orgcert.server.OrgCertApplication"),
                Files.createDirectories(data.resolve("orgcert")), CrashBench.freePort());
        CrashBench bench = new CrashBench(service, 20261207L);

        Map<String, Integer> figures = bench.run(2, 2, 8_000, 12_000);

        // The rounds did real work, or the zeros below would prove nothing.
        assertThat(figures.get("acknowledged")).as("productions acknowledged; failures %s", bench.failures()).isPositive();
        assertThat(figures.get("renewals.acknowledged")).as("renewals acknowledged; failures %s", bench.failures()).isPositive();
        assertThat(figures).containsEntry("acknowledged.lost", 0).containsEntry("renewals.acknowledged.lost", 0)
                .containsEntry("signed-unrecorded", 0).containsEntry("duplicates", 0)
                .containsEntry("tokens.unaccounted", 0).containsEntry("tokens.unreadable", 0)
                .containsEntry("applications.illegal-state", 0).containsEntry("audit-verify.exit", 0);
    }
}
