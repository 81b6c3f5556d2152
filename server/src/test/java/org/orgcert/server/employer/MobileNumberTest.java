package org.orgcert.server.employer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mainland mobile numbers: normalised so one phone has one blind index, masked when shown (R-MAT-5). */
class MobileNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", " 138 1234 5678 ", "138-1234-5678", "+86 138 1234 5678", "008613812345678",
            "8613812345678"})
    void normalisesWhatPeopleType(String input) {
        assertThat(MobileNumber.parse(input).value()).isEqualTo("13812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1381234567", "138123456789", "12812345678", "23812345678", "1381234567a"})
    void refusesWhatIsNotAMainlandMobile(String input) {
        assertThatThrownBy(() -> MobileNumber.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank();
    }

    @Test
    void isMaskedWhenShownOrPrinted() {
        MobileNumber mobile = MobileNumber.parse("13812345678");
        assertThat(mobile.masked()).isEqualTo("138****5678");
        assertThat(mobile.toString()).isEqualTo("138****5678");
    }
}
