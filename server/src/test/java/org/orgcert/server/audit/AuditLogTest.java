package org.orgcert.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The hash-chained audit log detects an edited, removed or inserted record (architecture invariant "Audit"). */
@ServiceTest
@AutoConfigureRestTestClient
class AuditLogTest extends ServiceTestBase {
    @Autowired
    AuditLog log;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RestTestClient client;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditCheckpointFile checkpoints;

    /** Each test starts and ends with an empty, intact log: other test classes share this database. */
    @BeforeEach
    @org.junit.jupiter.api.AfterEach
    void emptyLog() {
        AuditReset.empty(jdbc, transactions, checkpoints);
    }

    private void append(int count) {
        for (int i = 0; i < count; i++) {
            log.record(new AuditEntry("clerk:wuhua-1", "application.forwarded", "application", "A-" + i, "batch 7"));
        }
    }

    /** Appends and chains them (chaining otherwise follows the commit by moments). */
    private void appendChained(int count) {
        append(count);
        assertThat(log.verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void anUntouchedChainVerifies() {
        append(5);
        assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(5, 0, java.util.Optional.empty()));
        assertThat(log.history("application", "A-3")).singleElement()
                .satisfies(r -> assertThat(r.entry().detail()).isEqualTo("batch 7"));
        assertThat(client.get().uri("/api/v1/audit/verify").headers(TestStaff.as(TestStaff.AUDITOR)).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody()).contains("\"intact\":true", "\"records\":5");
    }

    @Test
    void anEditedRecordIsNamed() {
        appendChained(5);
        jdbc.update("UPDATE audit_record SET detail = 'batch 8' WHERE id = (SELECT record_id FROM audit_link WHERE seq = 3)");
        assertThat(log.verify()).isInstanceOfSatisfying(AuditVerification.Broken.class, broken ->
                assertThat(broken.brokenLinks()).extracting(AuditVerification.BrokenLink::seq, AuditVerification.BrokenLink::reason)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "its content was changed after it was written")));
        assertThat(client.get().uri("/api/v1/audit/verify").headers(TestStaff.as(TestStaff.AUDITOR)).exchange().expectStatus().isEqualTo(409)
                .returnResult(String.class).getResponseBody()).contains("\"firstBrokenRecord\":3");
    }

    @Test
    void aRemovedRecordIsNamed() {
        appendChained(5);
        Long id = jdbc.queryForObject("SELECT record_id FROM audit_link WHERE seq = 2", Long.class);
        jdbc.update("DELETE FROM audit_link WHERE seq = 2");
        jdbc.update("DELETE FROM audit_record WHERE id = ?", id);
        assertThat(log.verify()).isInstanceOfSatisfying(AuditVerification.Broken.class, broken ->
                assertThat(broken.brokenLinks()).extracting(AuditVerification.BrokenLink::seq, AuditVerification.BrokenLink::reason)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "record 2 is missing")));
    }

    @Test
    void concurrentAppendsGetGaplessNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> append(25)));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(100, 0, java.util.Optional.empty()));
    }

    /**
     * A transaction that has recorded something and not yet committed does not hold up another's record: the
     * chain is built after commit, in id order, whatever order the transactions committed in.
     */
    @Test
    void anOpenTransactionDoesNotHoldUpOtherRecords() throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> slow = pool.submit(() -> transaction.executeWithoutResult(status -> {
            log.record(new AuditEntry("operator:li", "certificate.recorded", "certificate", "SLOW", ""));
            recorded.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        recorded.await();
        Future<?> quick = Executors.newSingleThreadExecutor().submit(() -> append(3));
        quick.get(10, java.util.concurrent.TimeUnit.SECONDS); // before: blocked until the slow one committed
        assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(3, 0, java.util.Optional.empty()));
        release.countDown();
        slow.get();
        pool.shutdown();
        assertThat(log.verify()).isEqualTo(new AuditVerification.Intact(4, 0, java.util.Optional.empty()));
        assertThat(log.history("certificate", "SLOW")).singleElement().satisfies(r -> assertThat(r.seq()).isEqualTo(4));
    }

    /** Committed records are chained moments later without anyone asking. */
    @Test
    void committedRecordsAreChainedWithoutAVerify() {
        append(2);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> log.history("application", "A-1").get(0).chained());
        assertThat(log.history("application", "A-1").get(0).seq()).isEqualTo(2);
    }
}
