package org.orgcert.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A written token file survives a power cut: its folder is flushed after the rename (R-CERT-2 counter). */
class TokenFileDurabilityTest {
    static final byte[] DEVICE_KEY = Crypto.sha256(Crypto.utf8("durability device key"));

    @TempDir
    Path dir;

    @Test
    void folderIsSyncedAfterTheNewFileIsInPlace() throws Exception {
        Path file = dir.resolve("d.token");
        SoftwareToken.create(file, DEVICE_KEY, "D1", "durable", TokenContractTest.PIN,
                TokenContractTest.AUTHORITY.provision("D1"), TokenContractTest.SETTINGS);
        TokenRecord record = new TokenFile(TokenFile.Kind.SOFTWARE, DEVICE_KEY).read(file);
        TokenRecord next = record.withGuard(record.guard().withRetriesLeft(3));

        List<String> seen = new ArrayList<>();
        TokenFile format = new TokenFile(TokenFile.Kind.SOFTWARE, DEVICE_KEY, synced -> {
            // by the time the folder is synced, the rename has happened: the file already holds the new count
            TokenFile reader = new TokenFile(TokenFile.Kind.SOFTWARE, DEVICE_KEY);
            seen.add(synced + " retries=" + reader.read(file).guard().retriesLeft());
        });
        format.write(file, next);
        assertThat(seen).containsExactly(dir.toAbsolutePath() + " retries=3");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("d.token");
        }
    }

    @Test
    void realFolderSyncWorksOrIsSkippedQuietly() {
        TokenFile.fsyncDirectory(dir);
        TokenFile.fsyncDirectory(dir.resolve("missing"));
    }
}
