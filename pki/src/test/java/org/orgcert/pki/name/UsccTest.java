package org.orgcert.pki.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orgcert.pki.PkiException;

/** GB 32100-2015 check character and GB 11714 organisation-code check digit (R-MAT interpretation). */
class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"91110000600037341L", "91350100M000100Y43", " 91350100m000100y43 "})
    void acceptsValidCodes(String code) {
        Uscc uscc = Uscc.parse(code);
        assertThat(uscc.value()).hasSize(18).isUpperCase();
        assertThat(Uscc.isValid(code)).isTrue();
    }

    @Test
    void readsItsParts() {
        Uscc uscc = new Uscc("91350100M000100Y43");
        assertThat(uscc.categoryCode()).isEqualTo("91");
        assertThat(uscc.divisionCode()).isEqualTo("350100");
        assertThat(uscc.organisationCode()).isEqualTo("M000100Y4");
    }

    @Test
    void completesBothCheckCharacters() {
        assertThat(Uscc.complete("91", "110000", "60003734").value()).isEqualTo("91110000600037341L");
        assertThat(Uscc.complete("91", "350100", "M000100Y").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void everySingleCharacterTypoIsCaught() {
        String valid = "91110000600037341L";
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < valid.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == valid.charAt(i)) {
                    continue;
                }
                String typo = valid.substring(0, i) + c + valid.substring(i + 1);
                assertThat(Uscc.isValid(typo)).as(typo).isFalse();
            }
        }
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> new Uscc("9111000060003734")).isInstanceOf(PkiException.class)
                .hasMessageContaining("18 characters");
        assertThatThrownBy(() -> new Uscc("91110000600037341I")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> new Uscc("91110000600037341M")).hasMessageContaining("check character");
        assertThatThrownBy(() -> Uscc.parse(null)).hasMessageContaining("missing");
        // A code whose 18th character is right for its first 17, but whose organisation code is not.
        assertThatThrownBy(() -> new Uscc(withCheck("91110000600037342"))).hasMessageContaining("organisation code");
    }

    @Test
    void randomStringsNeverPassByAccident() {
        Random random = new Random(20261124);
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder code = new StringBuilder();
            for (int j = 0; j < 18; j++) {
                code.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (Uscc.isValid(code.toString())) {
                accepted++;
            }
        }
        // Two independent checks: about 1 in 31*11 random strings passes.
        assertThat(accepted).isLessThan(60);
    }

    /** Appends the correct GB 32100 check character to 17 characters. */
    static String withCheck(String first17) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17 + alphabet.charAt((31 - sum % 31) % 31);
    }
}
