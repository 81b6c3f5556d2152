package org.orgcert.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The transition table in TokenState's Javadoc is exactly what {@code after} does. */
    @Test
    void documentedTableIsTheCode() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/orgcert/token/TokenState.java"));
        String table = source.substring(source.indexOf("<pre>"), source.indexOf("</pre>"));
        Matcher row = Pattern.compile("\\*\\s+(\\S+)\\s+--(\\w+?)-*&gt;\\s+(\\S+)").matcher(table);
        Set<String> documented = new HashSet<>();
        while (row.find()) {
            TokenState from = TokenState.valueOf(row.group(1));
            TokenState.Event event = TokenState.Event.valueOf(row.group(2));
            assertThat(from.after(event)).as(row.group()).isEqualTo(TokenState.valueOf(row.group(3)));
            documented.add(from + "/" + event);
        }
        for (TokenState from : TokenState.values()) {
            for (TokenState.Event event : TokenState.Event.values()) {
                if (!documented.contains(from + "/" + event)) {
                    assertThatThrownBy(() -> from.after(event)).as(from + " --" + event + "-> is not documented")
                            .isInstanceOf(TokenException.class);
                }
            }
        }
        assertThat(documented).hasSize(5);
    }
}
