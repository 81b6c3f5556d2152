package org.orgcert.key.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The challenge's exact shape (docs/signin.md): anything else is refused, never repaired (R-USE-1). */
class ChallengeTest {
    private static final String ORIGIN = "https://zhjy.example.cn";
    private static final byte[] CERTIFICATE = {1, 2, 3};
    private static final Instant TIME = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void readsTheSixLines_R_USE_1() {
        String text = TestChallenges.challenge(ORIGIN, CERTIFICATE, TIME);
        Challenge challenge = Challenge.parse(text);
        assertThat(challenge.text()).isEqualTo(text);
        assertThat(challenge.platform()).isEqualTo(TestChallenges.PLATFORM);
        assertThat(challenge.origin()).isEqualTo(ORIGIN);
        assertThat(challenge.time()).isEqualTo(TIME);
        assertThat(challenge.certificate()).isEqualTo(Challenge.certificateHash(CERTIFICATE)).hasSize(64);
        assertThat(challenge.withPresence("abc")).isEqualTo(text + "\npresence: abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                                    // empty
            "{text}\n",                                            // trailing newline
            "{text}\r",                                            // a carriage return
            "{text}\npresence: x",                                 // a seventh line
            "orgcert-signin/2{rest}",                              // another version
            "ORGCERT-SIGNIN/1{rest}",
            "\n{text}",
            "{text}|platform: kmzhjy|platform: two words",         // a space in the client id
            "{text}|origin: https://zhjy.example.cn|origin: https://zhjy.example.cn/",
            "{text}|origin: https://zhjy.example.cn|origin: https://ZHJY.example.cn",
            "{text}|origin: https://zhjy.example.cn|origin: https://zhjy.example.cn:443",
            "{text}|origin: https://zhjy.example.cn|origin: null",
            "{text}|origin: https://zhjy.example.cn|origin: ftp://zhjy.example.cn",
            "{text}|origin: https://zhjy.example.cn|origin:https://zhjy.example.cn",
            "{text}|time: 2026-12-07T10:00:00Z|time: 2026-12-07T10:00:00.5Z",
            "{text}|time: 2026-12-07T10:00:00Z|time: 2026-12-07T18:00:00+08:00",
            "{text}|time: 2026-12-07T10:00:00Z|time: 2026-13-07T10:00:00Z",
            "{text}|certificate: |certificate: 0A",
            "{text}|nonce: |nonce: short",
            "{text}|nonce: |nonce: YWJj=",
    })
    void anyOtherShapeIsMalformed_R_USE_1(String template) {
        String text = TestChallenges.challenge(ORIGIN, CERTIFICATE, TIME);
        String bad = template.replace("{rest}", text.substring(text.indexOf('\n')));
        if (bad.contains("|")) {
            String[] parts = bad.split("\\|");
            // replace the whole line that starts with parts[1] by parts[2]
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                out.append(out.length() == 0 ? "" : "\n").append(line.startsWith(parts[1]) ? parts[2] : line);
            }
            bad = out.toString();
        } else {
            bad = bad.replace("{text}", text);
        }
        String input = bad;
        assertThatThrownBy(() -> Challenge.parse(input)).isInstanceOfSatisfying(SignInException.class,
                e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.MALFORMED_CHALLENGE));
    }

    @Test
    void upperCaseCertificateHashOrLongTextIsMalformed() {
        String text = TestChallenges.challenge(ORIGIN, CERTIFICATE, TIME);
        String upper = text.substring(0, text.lastIndexOf(' ') + 1) + Challenge.certificateHash(CERTIFICATE).toUpperCase();
        assertThatThrownBy(() -> Challenge.parse(upper)).isInstanceOf(SignInException.class);
        String longPlatform = text.replace("platform: " + TestChallenges.PLATFORM, "platform: " + "p".repeat(1000));
        assertThatThrownBy(() -> Challenge.parse(longPlatform)).isInstanceOf(SignInException.class);
    }
}
