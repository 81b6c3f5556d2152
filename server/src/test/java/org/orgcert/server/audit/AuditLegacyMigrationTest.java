package org.orgcert.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Migration V110 on a log written by the old chainer (V1, V2): its chained records and the ones still waiting
 * become the unkeyed start of the chain, which verifies, and the keyed chain goes on from its head. In a schema
 * of its own, so the shared test tables are not touched.
 */
@ServiceTest
class AuditLegacyMigrationTest extends ServiceTestBase {
    @Autowired
    DataSource dataSource;
    @Autowired
    OrgCertProperties properties;

    @Test
    @DisplayName("issue 12.5: V110 keeps the old chain, chains what the old chainer left, and keyed links follow")
    void theOldChainBecomesTheStartOfTheKeyedOne(@TempDir Path folder) throws Exception {
        String schema = "audit_v110_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
            JdbcTemplate jdbc = new JdbcTemplate(single);
            jdbc.execute("CREATE SCHEMA " + schema);
            try {
                jdbc.execute("SET search_path TO " + schema);
                jdbc.execute(migration("V1__audit.sql"));
                jdbc.execute(migration("V2__audit_deferred_chain.sql"));
                // The old chainer's work: three records chained, two (one with non-ASCII text) still waiting.
                Instant at = Instant.parse("2026-06-15T02:00:00.123456Z");
                byte[] prev = AuditHash.GENESIS;
                for (int seq = 1; seq <= 5; seq++) {
                    AuditEntry entry = new AuditEntry("staff:审核员", "application.approved", "application", "A-" + seq,
                            seq == 5 ? "理由：材料齐全" : "");
                    Instant occurred = at.plus(seq, ChronoUnit.MILLIS).plusNanos(seq * 1000L);
                    if (seq <= 3) {
                        byte[] hash = AuditHash.of(prev, seq, occurred, entry);
                        jdbc.update("INSERT INTO audit_record (seq, occurred_at, actor, action, subject_type, subject_id,"
                                + " detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", seq,
                                Timestamp.from(occurred), entry.actor(), entry.action(), entry.subjectType(),
                                entry.subjectId(), entry.detail(), prev, hash);
                        prev = hash;
                    } else {
                        jdbc.update("INSERT INTO audit_record (occurred_at, actor, action, subject_type, subject_id,"
                                + " detail) VALUES (?, ?, ?, ?, ?, ?)", Timestamp.from(occurred), entry.actor(),
                                entry.action(), entry.subjectType(), entry.subjectId(), entry.detail());
                    }
                }
                jdbc.execute(migration("V110__audit_anchored_chain.sql"));

                DataSourceTransactionManager transactions = new DataSourceTransactionManager(single);
                AuditKeyring keys = new AuditKeyring(properties, jdbc, "", folder.resolve("keys").toString());
                AuditCheckpointFile checkpoints = new AuditCheckpointFile(properties,
                        folder.resolve("audit/checkpoints").toString());
                AuditVerifier verifier = new AuditVerifier(jdbc, transactions, keys, checkpoints);
                assertThat(verifier.verify()).isEqualTo(new AuditVerification.Intact(5, 0, Optional.empty()));

                // The service's first record after the upgrade is linked, keyed, onto the old head.
                long id = jdbc.queryForObject("SELECT nextval('audit_record_id_seq')", Long.class);
                AuditEntry entry = new AuditEntry("staff:operator", "certificate.signed", "certificate", "C-1", "");
                jdbc.update("INSERT INTO audit_record (id, occurred_at, actor, action, subject_type, subject_id, detail,"
                        + " mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, Timestamp.from(at), entry.actor(), entry.action(),
                        entry.subjectType(), entry.subjectId(), entry.detail(), keys.mac().record(id, at, entry));
                AuditChainer chainer = new AuditChainer(jdbc, transactions, keys, "");
                chainer.stop(); // this test chains by itself, on its one connection
                assertThat(chainer.chainAll()).isEqualTo(1);
                assertThat(verifier.verify()).isEqualTo(new AuditVerification.Intact(6, 0, Optional.empty()));

                // An old record changed afterwards is found, although its link is an unkeyed one.
                jdbc.update("UPDATE audit_record SET detail = 'x' WHERE subject_id = 'A-4'");
                assertThat(verifier.verify()).isInstanceOfSatisfying(AuditVerification.Broken.class, broken ->
                        assertThat(broken.brokenLinks()).extracting(AuditVerification.BrokenLink::seq).containsExactly(4L));
            } finally {
                jdbc.execute("SET search_path TO DEFAULT");
                jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String migration(String name) throws Exception {
        return new ClassPathResource("db/migration/" + name).getContentAsString(StandardCharsets.UTF_8);
    }
}
