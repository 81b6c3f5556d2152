package org.orgcert.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The token state machine's transition table (R-CERT-2). */
class TokenStateTest {
    @Test
    void transitions() {
        assertThat(TokenState.EMPTY.after(TokenState.Event.KEY_GENERATED)).isEqualTo(TokenState.KEY_GENERATED);
        assertThat(TokenState.KEY_GENERATED.after(TokenState.Event.CERTIFICATE_IMPORTED))
                .isEqualTo(TokenState.PERSONALISED);
        assertThat(TokenState.PERSONALISED.after(TokenState.Event.KEY_GENERATED))
                .isEqualTo(TokenState.KEY_GENERATED);
        assertThat(TokenState.PERSONALISED.after(TokenState.Event.CERTIFICATE_IMPORTED))
                .isEqualTo(TokenState.PERSONALISED);
        assertThatThrownBy(() -> TokenState.EMPTY.after(TokenState.Event.CERTIFICATE_IMPORTED))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.NO_KEY));
        assertThatThrownBy(() -> TokenState.LOCKED.after(TokenState.Event.KEY_GENERATED))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.LOCKED));
    }
}
