package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.TestUscc;

/** The fee calculator's USCC check: the same verdict as {@link Uscc}, with a reason a page can translate. */
class UsccInputTest {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Test
    void aValidCodeIsAcceptedAsTypedInLowerCaseWithSpaces() {
        Uscc uscc = TestUscc.next();
        assertThat(UsccInput.of("  " + uscc.value().toLowerCase() + " ").uscc()).contains(uscc);
        assertThat(UsccInput.of(uscc.value()).problem()).isEmpty();
    }

    @Test
    void eachProblemIsNamed() {
        String valid = TestUscc.next().value();
        assertThat(kind(null)).isEqualTo(UsccInput.Kind.MISSING);
        assertThat(kind("   ")).isEqualTo(UsccInput.Kind.MISSING);
        assertThat(UsccInput.of(valid.substring(0, 10)).problem().orElseThrow().arguments()).containsExactly(10);
        assertThat(kind(valid + "1")).isEqualTo(UsccInput.Kind.LENGTH);
        UsccInput.Problem character = UsccInput.of(valid.substring(0, 4) + "I" + valid.substring(5)).problem()
                .orElseThrow();
        assertThat(character.kind()).isEqualTo(UsccInput.Kind.CHARACTER);
        assertThat(character.arguments()).containsExactly(5, "I");
        assertThat(kind(valid.substring(0, 17) + other(valid.charAt(17)))).isEqualTo(UsccInput.Kind.CHECK_CHARACTER);
        assertThat(kind(valid.substring(0, 16) + other(valid.charAt(16)) + valid.charAt(17)))
                .isEqualTo(UsccInput.Kind.ORGANISATION_CHECK);
        assertThat(UsccInput.of(valid.substring(0, 17) + other(valid.charAt(17))).problem().orElseThrow().messageKey())
                .isEqualTo("fees.uscc.error.CHECK_CHARACTER");
    }

    @Test
    void agreesWithUsccOnSeededRandomTypos() {
        Random random = new Random(20261124);
        for (int i = 0; i < 20_000; i++) {
            char[] code = TestUscc.next().value().toCharArray();
            int changes = random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                code[random.nextInt(18)] = random.nextInt(20) == 0 ? 'O' : ALPHABET.charAt(random.nextInt(31));
            }
            String typed = new String(code);
            assertThat(UsccInput.of(typed).uscc().isPresent()).as(typed).isEqualTo(Uscc.isValid(typed));
        }
    }

    private static UsccInput.Kind kind(String typed) {
        return UsccInput.of(typed).problem().orElseThrow().kind();
    }

    private static char other(char c) {
        return c == '1' ? '2' : '1';
    }
}
