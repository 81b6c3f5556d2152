package org.orgcert.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline guessing against a copied token or side file: scrypt PIN keys and a policy that needs 8+ mixed. */
class PinPolicyAndKdfTest {
    @TempDir
    Path dir;

    @Test
    void defaultPolicyNeedsEightCharactersWithALetterAndADigit() {
        for (String bad : new String[] {"135790", "12345678", "abcdefgh", "Ab12345", "Pin 13579"}) {
            assertThatThrownBy(() -> PinPolicy.DEFAULT.check(bad.toCharArray()))
                    .isInstanceOfSatisfying(TokenException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TokenException.Kind.PIN_POLICY);
                        assertThat(e.getMessage()).doesNotContain(bad);
                    });
        }
        PinPolicy.DEFAULT.check("Pin135790".toCharArray());
        PinPolicy.DEFAULT.check("kunming2025".toCharArray());
        // a setting: a hardware deployment may choose digits-only PINs
        new PinPolicy(6, 16, false).check("135790".toCharArray());
    }

    @Test
    void pinKeyIsScryptWithTheStoredCostAndDefaultIsOwaspMinimum() throws Exception {
        assertThat(TokenSettings.DEFAULT.kdf()).isEqualTo(new PinKdf(17, 8, 1));
        byte[] salt = Crypto.random(16);
        PinKdf kdf = new PinKdf(10, 8, 1);
        assertThat(Crypto.pinKey("Pin135790".toCharArray(), salt, kdf)).isEqualTo(
                SCrypt.generate("Pin135790".getBytes(StandardCharsets.UTF_8), salt, 1 << 10, 8, 1, 32));

        Path file = dir.resolve("k.token");
        byte[] deviceKey = Crypto.sha256(Crypto.utf8("kdf device key"));
        SoftwareToken.create(file, deviceKey, "K1", "kdf", "Pin135790".toCharArray(),
                new UnblockAuthority(new byte[32]).provision("K1"), TokenSettings.DEFAULT.withKdf(kdf)).close();
        assertThat(new TokenFile(TokenFile.Kind.SOFTWARE, deviceKey).read(file).guard().kdf()).isEqualTo(kdf);
        assertThatThrownBy(() -> new PinKdf(21, 8, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
