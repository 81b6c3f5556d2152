package org.orgcert.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Empties the audit log, its head and its checkpoint file, for tests that need to count from one: other test
 * classes share the database. Under the chainer's lock, so that no pass is half done meanwhile.
 */
final class AuditReset {
    private AuditReset() {
    }

    static void empty(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditCheckpointFile checkpoints) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", 0x4f7267436572741L);
            jdbc.update("DELETE FROM audit_link");
            jdbc.update("DELETE FROM audit_record");
            jdbc.update("UPDATE audit_chain SET records = 0, head_hash = ?, horizon = 0", (Object) AuditHash.GENESIS);
        });
        try {
            Files.deleteIfExists(checkpoints.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
