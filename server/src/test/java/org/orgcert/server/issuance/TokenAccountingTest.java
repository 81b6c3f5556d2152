package org.orgcert.server.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.TestStaff;
import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every USB key taken from stock is accounted for (issue 11 item 7), and parallel producers all make progress
 * (item 8): R-CERT-2, one key per application, none lost.
 */
@ServiceTest
@AutoConfigureRestTestClient
class TokenAccountingTest extends ProductionTestBase {
    @Autowired
    ProductionService production;
    @Autowired
    ProductionLock lock;
    @Autowired
    TokenSweep sweep;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    RestTestClient client;

    @Test
    void rCert2_aFailureBeforeTheRecordCommitsDiscardsTheTokenWithAnAuditRecord() {
        ProductionOrder order = order(KeyAlgorithm.ECDSA_P256);
        failing("certificate", "INSERT", "NEW.application_id = '" + order.applicationId() + "'", () ->
                assertThatThrownBy(() -> production.produce(order)).hasMessageContaining("injected failure"));

        String token = ledgerToken(order.applicationId());
        assertThat(ledgerState(token)).isEqualTo("DISCARDED");
        assertThat(auditActions(token)).containsExactly("token.taken", "token.discarded");
        assertThat(dataDir().resolve("tokens/discarded/" + token + ".token")).exists();
        assertThat(dataDir().resolve("tokens/" + token + ".token")).doesNotExist();
    }

    @Test
    void rCert2_aTokenWhoseProductionDiedIsDiscardedByTheSweepOnceItsLockIsFree() {
        // The record fails and so does the discard after it (as when the database is what failed): the call
        // ends with a token that has a key pair, no certificate, and a TAKEN ledger row.
        ProductionOrder order = order(KeyAlgorithm.ECDSA_P256);
        String match = "application_id = '" + order.applicationId() + "'";
        failing("certificate", "INSERT", "NEW." + match, () ->
                failing("token_ledger", "UPDATE", "NEW." + match + " AND NEW.state = 'DISCARDED'", () ->
                        assertThatThrownBy(() -> production.produce(order)).hasMessageContaining("injected failure")));
        String token = ledgerToken(order.applicationId());
        assertThat(ledgerState(token)).isEqualTo("TAKEN");
        assertThat(dataDir().resolve("tokens/" + token + ".token")).exists();

        // While a production of the application runs (its lock is held), its token is left alone.
        try (ProductionLock.Held running = lock.acquire(order.applicationId())) {
            sweep.sweep();
            assertThat(ledgerState(token)).isEqualTo("TAKEN");
        }
        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(ledgerState(token)).isEqualTo("DISCARDED");
        assertThat(jdbc.queryForObject("SELECT actor FROM audit_record WHERE subject_id = ?"
                + " AND action = 'token.discarded'", String.class, token)).isEqualTo(TokenSweep.ACTOR);
        assertThat(dataDir().resolve("tokens/discarded/" + token + ".token")).exists();
        assertThat(sweep.sweep()).isZero();
    }

    @Test
    void rCert2_aTokenLeavesTheStockOnlyOnceTheLedgerNamesIt() {
        // Review of issue 12, finding 11: the ledger row is committed before the token is made, so a failure
        // (or a crash) at the ledger leaves no token outside it, not even a discarded one.
        ProductionOrder order = order(KeyAlgorithm.ECDSA_P256);
        Set<String> before = allTokenFiles();
        failing("token_ledger", "INSERT", "NEW.application_id = '" + order.applicationId() + "'", () ->
                assertThatThrownBy(() -> production.produce(order)).hasMessageContaining("injected failure"));

        assertThat(allTokenFiles()).as("no token was made").isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_ledger WHERE application_id = ?", Integer.class,
                order.applicationId())).isZero();
    }

    @Test
    void rCert2_aSerialTheLedgerTookForATokenNeverMadeIsDiscardedByTheSweep() {
        // What a crash between the ledger's commit and the token's creation leaves: a TAKEN row, no token.
        ProductionOrder order = order(KeyAlgorithm.ECDSA_P256);
        String serial = "SWNEVERMADE" + Long.toHexString(System.nanoTime()).toUpperCase();
        jdbc.update("INSERT INTO token_ledger (token_serial, application_id, state, taken_at, taken_by)"
                + " VALUES (?, ?, 'TAKEN', now(), ?)", serial, order.applicationId(), order.actor());

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(ledgerState(serial)).isEqualTo("DISCARDED");
        assertThat(auditActions(serial)).containsExactly("token.discarded");
        assertThat(dataDir().resolve("tokens/discarded/" + serial + ".token")).doesNotExist();
        assertThat(sweep.sweep()).isZero();
    }

    @Test
    void rCert2_sixteenParallelProducersAllFinishWithTheirKeyOrATypedRefusal() throws Exception {
        ApplicationApi api = new ApplicationApi(client);
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Map<String, Object> created = api.underReview("CA_HALL", "ON_THE_SPOT", null, false);
            api.registry(created.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
            api.check(created.get("id"), 200);
            api.event(created.get("id"), "APPROVE", 200);
            ids.add(created.get("id"));
        }
        Set<String> tokensBefore = tokenFiles();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (Object id : ids) {
            answers.add(pool.submit(() -> {
                start.await();
                var result = client.post().uri("/api/v1/applications/{id}/produce", id)
                        .headers(TestStaff.as(TestStaff.OPERATOR)).exchange().returnResult(Map.class);
                return new Answer(result.getStatus().value(), result.getResponseBody());
            }));
        }
        start.countDown();
        List<Answer> results = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            results.add(answer.get());
        }
        pool.shutdown();

        for (Answer answer : results) {
            if (answer.status() != 200) {
                assertThat(answer.status()).as("a typed refusal, never a 500: %s", answer.body()).isIn(409, 503);
                assertThat(answer.body().get("type").toString()).matches(".*/production-(busy|in-progress)");
            }
        }
        // No token is unaccounted for: every key taken is in the ledger, USED by a certificate or DISCARDED.
        List<UUID> applications = ids.stream().map(id -> UUID.fromString(id.toString())).toList();
        for (UUID application : applications) {
            assertThat(jdbc.queryForList("SELECT state FROM token_ledger WHERE application_id = ?", String.class,
                    application)).doesNotContain("TAKEN");
        }
        Set<String> newTokens = tokenFiles();
        newTokens.removeAll(tokensBefore);
        for (String token : newTokens) {
            assertThat(jdbc.queryForObject("SELECT state FROM token_ledger WHERE token_serial = ?", String.class,
                    token)).isEqualTo("USED");
        }
        assertThat(newTokens).hasSize((int) results.stream().filter(a -> a.status() == 200).count());
    }

    @Test
    void aProducerWithoutASlotOrBehindAnotherCallIsRefusedWithoutTakingAToken() {
        try (ProductionLock oneSlot = new ProductionLock(dataSource, new ProductionSettings(1, Duration.ofSeconds(3)));
                ProductionLock other = new ProductionLock(dataSource, new ProductionSettings(1, Duration.ofSeconds(3)))) {
            UUID producing = UUID.randomUUID();
            try (ProductionLock.Held held = oneSlot.acquire(producing)) {
                assertThatThrownBy(() -> oneSlot.acquire(UUID.randomUUID())).isInstanceOfSatisfying(Refusal.class,
                        r -> assertThat(r.type()).isEqualTo("production-busy"));
                assertThatThrownBy(() -> other.acquire(producing)).isInstanceOfSatisfying(Refusal.class,
                        r -> assertThat(r.type()).isEqualTo("production-in-progress"));
                assertThat(other.tryAcquire(producing)).isEmpty();
            }
            try (ProductionLock.Held free = other.acquire(producing)) {
                assertThat(free).isNotNull();
            }
        }
    }

    record Answer(int status, Map<?, ?> body) {
    }

    private String ledgerToken(UUID application) {
        return jdbc.queryForObject("SELECT token_serial FROM token_ledger WHERE application_id = ?", String.class,
                application);
    }

    private String ledgerState(String token) {
        return jdbc.queryForObject("SELECT state FROM token_ledger WHERE token_serial = ?", String.class, token);
    }

    private List<String> auditActions(String token) {
        return jdbc.queryForList("SELECT action FROM audit_record WHERE subject_type = 'token' AND subject_id = ?"
                + " ORDER BY id", String.class, token);
    }

    /** Every token file, in the stock folder and among the discarded ones. */
    private static Set<String> allTokenFiles() {
        Set<String> all = new java.util.HashSet<>(tokenFiles());
        Path discarded = dataDir().resolve("tokens/discarded");
        if (Files.isDirectory(discarded)) {
            try (Stream<Path> files = Files.list(discarded)) {
                files.map(p -> "discarded/" + p.getFileName()).forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static Set<String> tokenFiles() {
        try (Stream<Path> files = Files.list(dataDir().resolve("tokens"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".token"))
                    .map(n -> n.substring(0, n.length() - ".token".length())).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code body} while a trigger makes {@code operation} on {@code table} fail where {@code when} holds. */
    private void failing(String table, String operation, String when, Runnable body) {
        String name = "inject_" + table + "_" + Long.toHexString(System.nanoTime());
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + when
                + " THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE " + operation + " ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
        try {
            body.run();
        } finally {
            jdbc.execute("DROP TRIGGER " + name + " ON " + table);
            jdbc.execute("DROP FUNCTION " + name + "()");
        }
    }
}
