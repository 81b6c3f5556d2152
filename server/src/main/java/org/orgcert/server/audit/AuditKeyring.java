package org.orgcert.server.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.orgcert.server.OrgCertProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands out the audit keys ({@link AuditKeys}) of {@code <data dir>/keys} ({@code orgcert.audit.key-folder} moves
 * them; every node of a cluster needs the same). Only the service creates them, on its first start, and it does
 * not start when the MAC key is gone while the database holds records made with it (a new key would make the
 * whole log look forged: restore the file instead). One-shot commands never make a key: they read the keys when
 * first asked, so that a missing one fails the command rather than being replaced (audit-verify: exit 2, could
 * not check; import-registry: exit 1, nothing imported). {@code audit-verify}
 * reads only what checking needs: the MAC key and the checkpoints' public key, never the signing key.
 */
@Component
class AuditKeyring {
    private static final String VERIFY_COMMAND = "audit-verify";
    private final Path folder;
    private final boolean checkingOnly;
    private final ThreadLocal<AuditMac> macs = ThreadLocal.withInitial(() -> keys().mac());
    private volatile AuditKeys keys;

    AuditKeyring(OrgCertProperties properties, JdbcTemplate jdbc, @Value("${orgcert.command:}") String command,
            @Value("${orgcert.audit.key-folder:}") String keyFolder) {
        this.folder = keyFolder.isBlank() ? properties.dataDir().resolve("keys") : Path.of(keyFolder);
        this.checkingOnly = command.equals(VERIFY_COMMAND);
        if (command.isBlank()) {
            if (!Files.exists(folder.resolve(AuditKeys.MAC_FILE)) && Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM audit_record WHERE mac IS NOT NULL)", Boolean.class))) {
                throw new IllegalStateException(folder.resolve(AuditKeys.MAC_FILE) + " is missing but the audit log"
                        + " holds records made with it: restore the file from the backup of the keys folder");
            }
            keys = AuditKeys.loadOrCreate(folder);
        }
    }

    /** This thread's MAC under the audit key. */
    AuditMac mac() {
        return macs.get();
    }

    PrivateKey signingKey() {
        return keys().signingKey();
    }

    PublicKey publicKey() {
        return keys().publicKey();
    }

    /** The folder the keys are in, to name it in messages. */
    Path folder() {
        return folder;
    }

    private AuditKeys keys() {
        AuditKeys loaded = keys;
        if (loaded == null) {
            loaded = checkingOnly ? AuditKeys.loadForChecking(folder) : AuditKeys.load(folder);
            keys = loaded;
        }
        return loaded;
    }
}
