package org.orgcert.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Issue 12, item 5 (deployment trust): someone who can write to the database, but has neither the audit key nor
 * the checkpoint file, rewrites the audit log; each rewrite is found. They act as a database superuser would:
 * plain SQL, with MACs and hashes of their own making where that helps them.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AuditTamperingTest extends ServiceTestBase {
    @Autowired
    AuditLog log;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AuditCheckpointer checkpointer;
    @Autowired
    AuditCheckpointFile checkpoints;
    @Autowired
    AuditKeyring keys;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    OrgCertProperties properties;
    @Autowired
    DataSource dataSource;

    /** A key that is not the service's: what the one tampering has. */
    private final AuditMac theirKey = new AuditMac(new SecureRandom().generateSeed(32));

    @BeforeEach
    @AfterEach
    void emptyLog() {
        AuditReset.empty(jdbc, transactions, checkpoints);
    }

    /** Appends {@code count} records, chains them and writes a checkpoint of the head. */
    private AuditCheckpoint appendAndCheckpoint(int count) {
        for (int i = 1; i <= count; i++) {
            log.record(new AuditEntry("staff:reviewer", "application.approved", "application", "A-" + i, "step " + i));
        }
        assertThat(log.verify()).isInstanceOf(AuditVerification.Intact.class);
        return checkpointer.checkpoint().orElseThrow();
    }

    private AuditVerification.Broken broken() {
        AuditVerification result = log.verify();
        assertThat(result).isInstanceOf(AuditVerification.Broken.class);
        return (AuditVerification.Broken) result;
    }

    private long recordIdAt(long seq) {
        return jdbc.queryForObject("SELECT record_id FROM audit_link WHERE seq = ?", Long.class, seq);
    }

    private byte[] hashAt(long seq) {
        return jdbc.queryForObject("SELECT hash FROM audit_link WHERE seq = ?", byte[].class, seq);
    }

    @Test
    @DisplayName("issue 12.5: a normal run verifies intact against its checkpoint; keys and checkpoints are private")
    void aNormalRunVerifiesIntact() throws Exception {
        AuditCheckpoint checkpoint = appendAndCheckpoint(5);
        log.record(new AuditEntry("staff:operator", "certificate.signed", "certificate", "C-1", ""));

        assertThat(checkpoint.records()).isEqualTo(5);
        assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(6, 0, Optional.of(checkpoint)));
        assertThat(checkpointer.checkpoint()).hasValueSatisfying(next -> assertThat(next.records()).isEqualTo(6));
        assertThat(checkpointer.checkpoint()).as("nothing new, the last one not a minute old").isEmpty();
        assertThat(checkpoints.last()).hasValueSatisfying(last -> {
            assertThat(last.records()).isEqualTo(6);
            assertThat(last.signedBy(keys.publicKey())).isTrue();
        });
        assertThat(Files.readAllLines(checkpoints.path())).hasSize(2);
        assertThat(permissions(checkpoints.path())).isEqualTo("rw-------");
        assertThat(permissions(checkpoints.path().getParent())).isEqualTo("rwx------");
        assertThat(permissions(keys.folder().resolve(AuditKeys.MAC_FILE))).isEqualTo("rw-------");
        assertThat(permissions(keys.folder().resolve(AuditKeys.SIGNING_FILE))).isEqualTo("rw-------");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE mac IS NULL", Long.class)).isZero();
    }

    @Test
    @DisplayName("issue 12.5: deleting the newest records is a truncation, and later records do not hide it")
    void deletingTheNewestRecordsIsFound() {
        AuditCheckpoint checkpoint = appendAndCheckpoint(5);
        // The newest two go, links and all, and the head is set back to record 3: the chain left is consistent.
        List<Long> ids = List.of(recordIdAt(4), recordIdAt(5));
        jdbc.update("DELETE FROM audit_link WHERE seq > 3");
        jdbc.update("DELETE FROM audit_record WHERE id IN (?, ?)", ids.get(0), ids.get(1));
        jdbc.update("UPDATE audit_chain SET records = 3, head_hash = ?", (Object) hashAt(3));

        AuditVerification.Broken broken = broken();
        assertThat(broken.brokenLinks()).isEmpty();
        assertThat(broken.truncation()).hasValueSatisfying(truncation -> {
            assertThat(truncation.checkpointRecords()).isEqualTo(5);
            assertThat(truncation.records()).isEqualTo(3);
            assertThat(truncation.checkpointAt()).isEqualTo(checkpoint.at());
            assertThat(truncation.reason()).contains("the newest records were removed");
        });

        // The service goes on recording: the chain grows past 5 again, but record 5 is not the one checkpointed,
        // and no checkpoint is signed over the gap.
        for (int i = 0; i < 3; i++) {
            log.record(new AuditEntry("staff:reviewer", "application.approved", "application", "B-" + i, ""));
        }
        assertThat(checkpointer.checkpoint()).isEmpty();
        assertThat(checkpoints.last()).contains(checkpoint);
        assertThat(broken().truncation()).hasValueSatisfying(truncation ->
                assertThat(truncation.reason()).contains("record 5 is not the one checkpointed"));
    }

    @Test
    @DisplayName("issue 12.5: an edited record with every link after it re-hashed is found")
    void anEditedAndRehashedChainIsFound() {
        appendAndCheckpoint(5);
        // Record 3 is changed; its MAC and the links from 3 on are recomputed with a key of the tamperer's own.
        long id = recordIdAt(3);
        AuditRecord three = log.history("application", "A-3").get(0);
        AuditEntry forged = new AuditEntry(three.entry().actor(), "application.rejected", "application", "A-3", "");
        byte[] forgedMac = theirKey.record(id, three.occurredAt(), forged);
        jdbc.update("UPDATE audit_record SET action = ?, detail = '', mac = ? WHERE id = ?", forged.action(),
                forgedMac, id);
        byte[] prev = hashAt(2);
        for (long seq = 3; seq <= 5; seq++) {
            long recordId = recordIdAt(seq);
            AuditRecord record = log.history("application", "A-" + seq).get(0);
            byte[] hash = theirKey.link(prev, seq, recordId, record.occurredAt(), record.entry());
            jdbc.update("UPDATE audit_link SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, seq);
            prev = hash;
        }
        jdbc.update("UPDATE audit_chain SET head_hash = ?", (Object) prev);

        AuditVerification.Broken broken = broken();
        assertThat(broken.brokenLinks()).extracting(AuditVerification.BrokenLink::seq,
                AuditVerification.BrokenLink::recordId, AuditVerification.BrokenLink::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, id, "its content was changed after it was written"),
                org.assertj.core.groups.Tuple.tuple(4L, recordIdAt(4), "its link was not made by the service"),
                org.assertj.core.groups.Tuple.tuple(5L, recordIdAt(5), "its link was not made by the service"));
        assertThat(broken.firstBrokenSeq()).isEqualTo(3);
        assertThat(broken.truncation()).hasValueSatisfying(truncation ->
                assertThat(truncation.reason()).contains("record 5 is not the one checkpointed"));
    }

    @Test
    @DisplayName("issue 12.5: records re-hashed the old unkeyed way after keyed ones are found")
    void anUnkeyedRewriteIsFound() {
        appendAndCheckpoint(3);
        long id = recordIdAt(3);
        AuditRecord three = log.history("application", "A-3").get(0);
        AuditEntry forged = new AuditEntry(three.entry().actor(), "application.rejected", "application", "A-3", "");
        jdbc.update("UPDATE audit_record SET action = ?, detail = '', mac = NULL WHERE id = ?", forged.action(), id);
        jdbc.update("UPDATE audit_link SET hash = ? WHERE seq = 3",
                (Object) AuditHash.of(hashAt(2), 3, three.occurredAt(), forged));

        assertThat(broken().brokenLinks()).extracting(AuditVerification.BrokenLink::reason)
                .containsExactly("has no MAC: it was not written by the service");
    }

    @Test
    @DisplayName("issue 12.5: a back-dated record inserted in the database is not chained and is named")
    void aBackDatedRecordIsRefused() {
        appendAndCheckpoint(3);
        long id = jdbc.queryForObject("SELECT nextval('audit_record_id_seq')", Long.class);
        Instant monthAgo = clock.instant().minus(Duration.ofDays(30));
        AuditEntry entry = new AuditEntry("staff:reviewer", "application.approved", "application", "A-9", "");
        jdbc.update("INSERT INTO audit_record (id, occurred_at, actor, action, subject_type, subject_id, detail, mac)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, Timestamp.from(monthAgo), entry.actor(), entry.action(),
                entry.subjectType(), entry.subjectId(), entry.detail(), theirKey.record(id, monthAgo, entry));
        // And a copy of a genuine record under a new id, its MAC and all.
        long copy = jdbc.queryForObject("SELECT nextval('audit_record_id_seq')", Long.class);
        jdbc.update("INSERT INTO audit_record (id, occurred_at, actor, action, subject_type, subject_id, detail, mac)"
                + " SELECT ?, occurred_at, actor, action, subject_type, subject_id, detail, mac FROM audit_record"
                + " WHERE id = ?", copy, recordIdAt(2));
        log.record(new AuditEntry("staff:operator", "certificate.signed", "certificate", "C-1", ""));

        AuditVerification.Broken broken = broken();
        assertThat(broken.forgedRecordIds()).containsExactly(id, copy);
        assertThat(broken.forgedRecordCount()).isEqualTo(2);
        assertThat(broken.brokenLinks()).isEmpty();
        assertThat(broken.truncation()).isEmpty();
        assertThat(broken.records()).as("the service's own record was chained, the two were not").isEqualTo(4);
        assertThat(checkpointer.checkpoint()).as("the chain itself is sound").isPresent();
    }

    @Test
    @DisplayName("issue 12.5: a checkpoint line not signed by the audit key is found")
    void aForgedCheckpointIsFound() throws Exception {
        AuditCheckpoint genuine = appendAndCheckpoint(3);
        byte[] signature = Arrays.copyOf(genuine.signature(), 64);
        signature[0] ^= 1;
        AuditCheckpoint forged = new AuditCheckpoint(genuine.at().plusSeconds(1), 2, hashAt(2), genuine.highestId(),
                genuine.count(), signature);
        Files.writeString(checkpoints.path(), forged.line() + "\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(broken().truncation()).hasValueSatisfying(truncation ->
                assertThat(truncation.reason()).contains("is not signed by the audit key"));
        assertThat(checkpointer.checkpoint()).isEmpty();
    }

    @Test
    @DisplayName("issue 12.5: without the audit keys the log cannot be checked, and a command does not make new ones")
    void withoutTheKeysNothingIsChecked(@TempDir Path empty) {
        AuditKeyring noKeys = new AuditKeyring(properties, jdbc, "audit-verify", empty.toString());
        AuditVerifier blind = new AuditVerifier(jdbc, transactions, noKeys, checkpoints);
        assertThat(blind.verify()).isInstanceOfSatisfying(AuditVerification.Unverifiable.class, unverifiable ->
                assertThat(unverifiable.reason()).contains(AuditKeys.MAC_FILE, "missing"));
        assertThat(empty).isEmptyDirectory();
    }

    /** The service's records of the given subjects' ids, as the tamperer finds them. */
    private List<Long> recordIds(String subjectIdPrefix) {
        return jdbc.queryForList("SELECT id FROM audit_record WHERE subject_id LIKE ? ORDER BY id", Long.class,
                subjectIdPrefix + "%");
    }

    private void recordUnchained(String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            log.record(new AuditEntry("staff:reviewer", "application.approved", "application", prefix + i, "kept out"));
        }
    }

    /** Runs {@code body} while another session holds the chainer's lock, as the reviewer did: nothing is chained. */
    private void withTheChainerLockHeld(ThrowingRunnable body) throws Exception {
        try (java.sql.Connection other = dataSource.getConnection(); java.sql.Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + 0x4f7267436572741L + ")");
            try {
                body.run();
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + 0x4f7267436572741L + ")");
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    @DisplayName("issue 12 review 5: a horizon pushed past every transaction is refused and logged; the records are chained")
    void aPushedHorizonIsRefused(CapturedOutput output) {
        appendAndCheckpoint(3);
        // The reviewer's first step, as orgcert_service may do: the horizon far beyond any transaction.
        jdbc.update("UPDATE audit_chain SET horizon = 9000000000000000000");
        recordUnchained("H-", 3);

        assertThat(log.verify()).isInstanceOfSatisfying(AuditVerification.Intact.class, intact -> {
            assertThat(intact.records()).as("the three were chained in spite of the horizon").isEqualTo(6);
            assertThat(intact.pending()).isZero();
        });
        assertThat(jdbc.queryForObject("SELECT horizon FROM audit_chain", Long.class))
                .isLessThanOrEqualTo(jdbc.queryForObject("SELECT pg_current_xact_id()::text::bigint", Long.class));
        assertThat(output).contains("AUDIT CHAIN TAMPERED", "horizon 9000000000000000000");

        // The rest of the attack, once the service's next checkpoint (every 10 s) has passed: the records removed
        // and the horizon reset. They were chained and checkpointed: the chain falls short of the checkpoint.
        assertThat(checkpointer.checkpoint()).hasValueSatisfying(c -> assertThat(c.records()).isEqualTo(6));
        jdbc.update("DELETE FROM audit_link WHERE record_id IN (SELECT id FROM audit_record WHERE subject_id LIKE 'H-%')");
        jdbc.update("DELETE FROM audit_record WHERE subject_id LIKE 'H-%'");
        jdbc.update("UPDATE audit_chain SET horizon = 0");
        assertThat(broken().truncation()).hasValueSatisfying(truncation ->
                assertThat(truncation.reason()).contains("the newest records were removed"));
    }

    @Test
    @DisplayName("issue 12 review 5: records kept out of the chain (chainer's lock held), checkpointed, then deleted, are found")
    void recordsKeptOutOfTheChainAndDeletedAreFound() throws Exception {
        appendAndCheckpoint(3);
        java.util.concurrent.atomic.AtomicReference<List<Long>> kept = new java.util.concurrent.atomic.AtomicReference<>();
        withTheChainerLockHeld(() -> {
            recordUnchained("K-", 3);
            kept.set(recordIds("K-"));
            // The checkpointer does not wait for the chain: the head did not move but the log grew.
            assertThat(checkpointer.checkpoint()).hasValueSatisfying(checkpoint -> {
                assertThat(checkpoint.records()).isEqualTo(3);
                assertThat(checkpoint.count()).isEqualTo(6);
                assertThat(checkpoint.highestId()).isEqualTo(kept.get().get(2));
            });
            jdbc.update("DELETE FROM audit_record WHERE subject_id LIKE 'K-%'");
        });

        AuditVerification.Broken broken = broken();
        assertThat(broken.removal()).hasValueSatisfying(reason ->
                assertThat(reason).contains("6 records", "id " + kept.get().get(2), "3 remain", "removed"));
        assertThat(broken.summary()).contains("removed");
        assertThat(checkpointer.checkpoint()).as("no checkpoint blesses the removal").isEmpty();
    }

    @Test
    @DisplayName("issue 12 review 5: a record of the service left out of the chain while later ones are chained is named")
    void aRecordLeftOutOfTheChainIsNamed() throws Exception {
        appendAndCheckpoint(3);
        withTheChainerLockHeld(() -> {
            recordUnchained("S-", 2);
            // The owner moves the first one behind the horizon (its transaction id is not under the MAC), as a
            // pushed horizon did for every record: the chainer never looks at it again.
            jdbc.update("UPDATE audit_record SET txid = 0 WHERE id = ?", recordIds("S-").get(0));
        });
        long stranded = recordIds("S-").get(0);

        AuditVerification.Broken broken = broken();
        assertThat(broken.records()).as("the second one was chained").isEqualTo(4);
        assertThat(broken.unchainedRecordIds()).containsExactly(stranded);
        assertThat(broken.unchainedRecordCount()).isOne();
        assertThat(broken.summary()).contains("never chained", "[" + stranded + "]");
        assertThat(broken.forgedRecordCount()).isZero();
    }

    @Test
    @DisplayName("issue 12 review 5: a record the service wrote before the last checkpoint but never chained is named")
    void aRecordOlderThanTheCheckpointStillUnchainedIsNamed() throws Exception {
        appendAndCheckpoint(3);
        withTheChainerLockHeld(() -> {
            recordUnchained("O-", 1);
            jdbc.update("UPDATE audit_record SET txid = 0 WHERE subject_id LIKE 'O-%'");
        });
        setTime(clock.instant().plusSeconds(90));
        checkpointer.checkpoint().orElseThrow();

        AuditVerification.Broken broken = broken();
        assertThat(broken.unchainedRecordIds()).containsExactlyElementsOf(recordIds("O-"));
    }

    @Test
    @DisplayName("issue 12 review 5: checkpoints written before they carried counts are still read and checked")
    void aCheckpointOfTheFirstFormatIsRead() throws Exception {
        appendAndCheckpoint(2);
        String v1 = "2026-01-01T00:00:00Z 2 " + java.util.HexFormat.of().formatHex(hashAt(2)) + " "
                + java.util.Base64.getEncoder().encodeToString(new byte[64]);
        assertThat(AuditCheckpoint.parse(v1)).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.records()).isEqualTo(2);
            assertThat(checkpoint.count()).isEqualTo(-1);
            assertThat(checkpoint.signedBy(keys.publicKey())).isFalse();
        });
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
