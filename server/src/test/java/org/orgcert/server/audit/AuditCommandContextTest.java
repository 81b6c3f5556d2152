package org.orgcert.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.server.OrgCertCommands;
import org.orgcert.server.TestDatabase;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.issuance.TokenSweep;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-shot commands run in a context of their own (review of issue 12, finding 7): database and audit log,
 * no CA (so no passphrase is read or made), no token stock, no web server, no checkpointer. Here with no
 * ORGCERT_CA_PASSPHRASE and no {@code ca/passphrase}, as from a cron job, on the real test PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditCommandContextTest {
    /** The audit key every test context shares (ServiceTest): the records in the test database are made with it. */
    private static final Path KEYS = Path.of("target/test-data/keys");

    @TempDir
    Path data;

    private final Map<String, Object> database = new HashMap<>();

    private String[] arguments(String command, String... extra) {
        TestDatabase.register((name, value) -> database.put(name, value.get()));
        List<String> arguments = new ArrayList<>(List.of("--orgcert.command=" + command, "--orgcert.data-dir=" + data,
                "--orgcert.db.url=" + database.get("orgcert.db.url"), "--orgcert.db.user=" + database.get("orgcert.db.user"),
                "--orgcert.db.password=" + database.get("orgcert.db.password"), "--orgcert.audit.key-folder=" + KEYS,
                "--orgcert.audit.checkpoint-file=" + data.resolve("audit/checkpoints")));
        arguments.addAll(List.of(extra));
        return arguments.toArray(String[]::new);
    }

    /** Runs the command as {@code OrgCertApplication.main} does; checks what its context holds; its exit code. */
    private int run(String[] arguments) {
        ConfigurableApplicationContext context = OrgCertCommands.application().run(arguments);
        assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
        assertThat(context.getBeanNamesForType(CertificateAuthorities.class)).isEmpty();
        assertThat(context.getBeanNamesForType(TokenSweep.class)).isEmpty();
        assertThat(context.getBeanNamesForType(AuditCheckpointer.class)).isEmpty();
        return SpringApplication.exit(context);
    }

    @Test
    @DisplayName("review 12.7: import-registry and audit-verify without the CA passphrase: 0, no CA opened, no file made under ca/")
    void commandsRunWithoutTheCa(CapturedOutput output) throws Exception {
        AuditKeys.loadOrCreate(KEYS); // the service's first start made them
        Path csv = data.resolve("registry.csv");
        Files.writeString(csv, "record_id,uscc,name,legal_representative,insuring_division\n");

        assertThat(run(arguments("import-registry", "--orgcert.command-file=" + csv))).as(output.getOut()).isZero();
        assertThat(run(arguments("audit-verify"))).as(output.getOut()).isZero();

        assertThat(output.getOut()).contains("imported 0 insurance records", "audit chain intact");
        assertThat(data.resolve("ca")).doesNotExist();
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.map(path -> path.getFileName().toString())).doesNotContain("passphrase");
        }
    }

    @Test
    @DisplayName("review 12.7: audit-verify in its own context still answers 1 on a forged record, naming it")
    void aForgedRecordStillBreaksTheChain(CapturedOutput output) throws Exception {
        AuditKeys.loadOrCreate(KEYS);
        String[] verify = arguments("audit-verify");
        try (Connection c = DriverManager.getConnection((String) database.get("orgcert.db.url"),
                (String) database.get("orgcert.db.user"), (String) database.get("orgcert.db.password"))) {
            assertThat(run(verify)).as("the schema is migrated, the log intact: %s", output.getOut()).isZero();
            long id;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_record (id, occurred_at, actor,"
                    + " action, subject_type, subject_id, detail, mac) VALUES (nextval('audit_record_id_seq'), ?,"
                    + " 'staff:nobody', 'application.approved', 'application', 'A-forged', '', ?) RETURNING id")) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.setBytes(2, new byte[32]);
                var rs = insert.executeQuery();
                rs.next();
                id = rs.getLong(1);
            }
            try {
                assertThat(run(verify)).isEqualTo(1);
                assertThat(output.getOut()).contains("audit chain BROKEN", "not written by the service, ids [" + id + "]");
            } finally {
                c.createStatement().execute("DELETE FROM audit_record WHERE id = " + id);
            }
        }
    }
}
