package org.orgcert.server.employer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GB 11643-1999 resident ID numbers, validated on entry (R-MAT interpretation; R-MAT-1, R-MAT-5). */
class ResidentIdTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 5, 20);
    private static final String VALID = "11010519491231002X";

    @Test
    void acceptsTheStandardsExample() {
        ResidentId id = ResidentId.parse(VALID, TODAY);
        assertThat(id.value()).isEqualTo(VALID);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void acceptsLowerCaseXAndSurroundingSpaces() {
        assertThat(ResidentId.parse(" 11010519491231002x ", TODAY).value()).isEqualTo(VALID);
    }

    @Test
    void everySingleCharacterTypoIsCaught() {
        String alphabet = "0123456789X";
        for (int i = 0; i < 18; i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == VALID.charAt(i) || (c == 'X' && i < 17)) {
                    continue;
                }
                String typo = VALID.substring(0, i) + c + VALID.substring(i + 1);
                assertThatThrownBy(() -> ResidentId.parse(typo, TODAY)).as(typo)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void refusesImpossibleAndFutureBirthDates() {
        assertThatThrownBy(() -> ResidentId.parse(withCheck("11010520230230001"), TODAY))
                .hasMessageContaining("not a real date");
        assertThatThrownBy(() -> ResidentId.parse(withCheck("11010520230931001"), TODAY))
                .hasMessageContaining("not a real date");
        assertThatThrownBy(() -> ResidentId.parse(withCheck("11010518991231001"), TODAY))
                .hasMessageContaining("before 1900");
        assertThatThrownBy(() -> ResidentId.parse(withCheck("11010520260521001"), TODAY))
                .hasMessageContaining("in the future");
        // Born today is possible (a newborn's number), and 29 February in a leap year is a real date.
        assertThat(ResidentId.parse(withCheck("11010520260520001"), TODAY).birthDate()).isEqualTo(TODAY);
        assertThat(ResidentId.parse(withCheck("11010520000229001"), TODAY).birthDate())
                .isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1101051949123100", "11010519491231002XX", "1101051949123100AX", "11010519491231002Y"})
    void explainsMalformedNumbers(String input) {
        assertThatThrownBy(() -> ResidentId.parse(input, TODAY)).isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank().doesNotContain("110105");
    }

    @Test
    void aWrongCheckCharacterIsNamed() {
        assertThatThrownBy(() -> ResidentId.parse("110105194912310021", TODAY)).hasMessageContaining("check character");
        assertThatThrownBy(() -> ResidentId.parse(withCheck("01010519491231002"), TODAY))
                .hasMessageContaining("cannot start with 0");
        assertThatThrownBy(() -> ResidentId.parse(null, TODAY)).hasMessageContaining("missing");
    }

    @Test
    void isMaskedWhenShownOrPrinted() {
        ResidentId id = ResidentId.parse(VALID, TODAY);
        assertThat(id.masked()).isEqualTo("110105********002X");
        assertThat(id.toString()).isEqualTo("110105********002X");
        assertThat(String.valueOf(id)).doesNotContain("19491231");
    }

    /** Appends the GB 11643 check character to 17 digits. */
    static String withCheck(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
