package org.orgcert.server.privacy;

import org.orgcert.server.employer.MobileNumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Personal data at rest: AES-256-GCM bound to its employer and field, blind index, the key file. */
class PersonalDataCipherTest {
    private static final String ID = "11010519491231002X";
    private final PersonalDataCipher cipher = new PersonalDataCipher(new byte[32]);
    private final UUID owner = UUID.randomUUID();

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        byte[] first = cipher.encrypt(owner, "legal_rep_id_number", ID);
        byte[] second = cipher.encrypt(owner, "legal_rep_id_number", ID);
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain(ID);
        assertThat(cipher.decrypt(owner, "legal_rep_id_number", first)).isEqualTo(ID);
        assertThat(cipher.decrypt(owner, "legal_rep_id_number", second)).isEqualTo(ID);
    }

    @Test
    void anotherEmployerOrFieldAsAssociatedDataFailsToDecrypt() {
        byte[] sealed = cipher.encrypt(owner, "legal_rep_id_number", ID);
        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), "legal_rep_id_number", sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(ID);
        assertThatThrownBy(() -> cipher.decrypt(owner, "legal_rep_mobile", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangedCiphertextOrAnotherKeyFailsToDecrypt() {
        byte[] sealed = cipher.encrypt(owner, "f", ID);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(owner, "f", sealed)).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        byte[] fresh = cipher.encrypt(owner, "f", ID);
        assertThatThrownBy(() -> new PersonalDataCipher(other).decrypt(owner, "f", fresh))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(owner, "f", new byte[5])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBlindIndexIsStableAndKeyed() {
        MobileNumber mobile = MobileNumber.parse("13812345678");
        assertThat(cipher.blindIndex("mobile", mobile.value())).hasSize(32)
                .isEqualTo(cipher.blindIndex("mobile", MobileNumber.parse("+86 138 1234 5678").value()))
                .isNotEqualTo(cipher.blindIndex("mobile", MobileNumber.parse("13812345679").value()));
        byte[] other = new byte[32];
        other[31] = 7;
        assertThat(new PersonalDataCipher(other).blindIndex("mobile", mobile.value()))
                .isNotEqualTo(cipher.blindIndex("mobile", mobile.value()));
    }

    @Test
    void theKeyFileIsCreatedOnceWithOwnerOnlyAccess(@TempDir Path dataDir) throws Exception {
        byte[] key = PersonalDataKey.load("", dataDir);
        Path file = dataDir.resolve("keys/personal-data.key");
        assertThat(key).hasSize(32).isEqualTo(Files.readAllBytes(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PersonalDataKey.load(null, dataDir)).isEqualTo(key);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theEnvironmentKeyWinsAndMustHave32Bytes(@TempDir Path dataDir) {
        byte[] key = new byte[32];
        key[3] = 9;
        assertThat(PersonalDataKey.load(Base64.getEncoder().encodeToString(key), dataDir)).isEqualTo(key);
        assertThat(dataDir.resolve("keys")).doesNotExist();
        assertThatThrownBy(() -> PersonalDataKey.load(Base64.getEncoder().encodeToString(new byte[16]), dataDir))
                .hasMessageContaining("32");
        assertThatThrownBy(() -> PersonalDataKey.load("not base64!", dataDir)).hasMessageContaining("base64");
    }
}
