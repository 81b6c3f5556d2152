package org.orgcert.server.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.pki.DurableFiles;

/**
 * Review of issue 12, finding 10: a generated secret (CA passphrase, unblock master key, device key) is on the
 * disk before it appears under its name, and the folder is flushed after, so a power cut cannot leave an empty
 * key file (the service would refuse to start, or worse, generate another key) or lose one already in use.
 */
class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSecretIsForcedToDiskBeforeItIsLinkedInAndItsFolderIsFlushedAfter() throws IOException {
        Path file = dir.resolve("keys/unblock-master.key");
        byte[] secret = {1, 2, 3, 4};
        List<String> steps = new ArrayList<>();

        boolean written = SecretFiles.write(file, secret, new DurableFiles.Flush() {
            @Override
            public void file(Path temporary) throws IOException {
                assertThat(temporary.getParent()).isEqualTo(file.getParent());
                assertThat(Files.readAllBytes(temporary)).isEqualTo(secret);
                assertThat(file).as("not in place yet").doesNotExist();
                steps.add("file");
            }

            @Override
            public void folder(Path folder) {
                assertThat(folder).isEqualTo(file.getParent());
                assertThat(file).exists();
                steps.add("folder");
            }
        });

        assertThat(written).isTrue();
        assertThat(steps).containsExactly("file", "folder");
        assertThat(Files.readAllBytes(file)).isEqualTo(secret);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary copy of the secret is left").containsExactly(file);
        }
    }
}
