package org.orgcert.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.account.StaffAccounts;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.employer.EmployerRegistration;
import org.orgcert.server.review.BundledInsuranceRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code ./orgcert serve --demo} gives a newcomer a login per role and something to work on, once. */
@ServiceTest
class DemoDataTest extends ServiceTestBase {
    @Autowired
    StaffAccounts staff;
    @Autowired
    EmployerRegistration employers;
    @Autowired
    BundledInsuranceRegistry registry;
    @Autowired
    ApplicationService applications;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dataDir;

    @Test
    void loadsOnceAndKeepsPasswordsOutOfTheLog() throws Exception {
        DemoData demo = new DemoData(staff, employers, registry, applications, new OrgCertProperties(dataDir, null));
        demo.load();
        Path logins = dataDir.resolve("demo-logins.txt");
        assertThat(Files.readString(logins)).contains("clerk-wuhua (WINDOW_CLERK, window wuhua): ", "reviewer",
                "operator", "auditor");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logins))).isEqualTo("rw-------");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM application WHERE idempotency_key LIKE 'demo-%'",
                Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM employer WHERE name LIKE '昆明市演示%'", Integer.class))
                .isEqualTo(3);
        demo.load(); // a second start changes nothing
        assertThat(jdbc.queryForObject("SELECT count(*) FROM application WHERE idempotency_key LIKE 'demo-%'",
                Integer.class)).isEqualTo(3);
    }
}
