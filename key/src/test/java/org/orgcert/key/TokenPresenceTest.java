package org.orgcert.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.token.Pkcs11Config;

/**
 * Whether the key is plugged in, as the key watcher asks it every second without a PIN (R-USE-3). SoftHSM2's slots
 * are not removable, so a PKCS#11 removal is seen here only as a slot or library that is not there.
 */
class TokenPresenceTest {
    @TempDir
    Path dir;

    @Test
    void aSoftwareTokenIsPresentWhileItsFileIs() throws Exception {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        TokenSource.Software source = (TokenSource.Software) made.source();
        assertThat(source.present()).isTrue();
        Files.delete(source.tokenFile());
        assertThat(source.present()).isFalse();
    }

    @Test
    void aPkcs11TokenIsPresentWhileItsSlotAnswers() {
        Made made = TestTokens.personalised(Kind.PKCS11, dir);
        TokenSource.Pkcs11 source = (TokenSource.Pkcs11) made.source();
        assertThat(source.present()).isTrue();
        assertThat(source.present()).as("asked again, as every second").isTrue();
        assertThat(new TokenSource.Pkcs11(Pkcs11Config.SOFTHSM2, 987654321L, source.sideFile(), source.deviceKeyFile())
                .present()).isFalse();
        assertThat(new TokenSource.Pkcs11(dir.resolve("no-such-library.so"), source.slot(), source.sideFile(),
                source.deviceKeyFile()).present()).isFalse();
        // the token still works for the assistant after being probed
        try (var token = made.open()) {
            assertThat(token.info().serial()).isEqualTo(made.serial());
        }
    }
}
