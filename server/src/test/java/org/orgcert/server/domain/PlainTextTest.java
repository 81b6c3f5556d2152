package org.orgcert.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain text (issue 11 item 9): no NUL or other control characters, line breaks only where allowed, a length. */
class PlainTextTest {

    @Test
    void printableTextOfAnyScriptPasses() {
        assertThat(PlainText.line(40).problem("昆明市流程测试有限公司 Ltd. (№ 1) 😀")).isEmpty();
        assertThat(PlainText.ANY.problem(null)).isEmpty();
    }

    @Test
    void aNulOrAnotherControlCharacterIsRefusedWithItsPosition() {
        assertThat(PlainText.ANY.problem("ab\u0000c")).hasValueSatisfying(p -> assertThat(p).contains("U+0000")
                .contains("position 3"));
        assertThat(PlainText.ANY.problem("a\u001bb")).isPresent();
        assertThat(PlainText.ANY.problem("a\u007fb")).isPresent();
        assertThat(PlainText.ANY.problem("a\u0085b")).isPresent();
    }

    @Test
    void lineBreaksOnlyWhereSeveralLinesAreAllowed() {
        assertThat(PlainText.lines(100).problem("first\r\nsecond\tthird")).isEmpty();
        assertThat(PlainText.line(100).problem("first\nsecond")).isPresent();
        assertThat(PlainText.line(100).problem("a\tb")).isPresent();
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertThat(PlainText.ANY.problem("a\ud800b")).hasValueSatisfying(p -> assertThat(p).contains("surrogate"));
        assertThat(PlainText.ANY.problem("a\udc00")).isPresent();
    }

    @Test
    void anOverLongValueIsRefusedWithTheLimit() {
        assertThat(PlainText.line(5).problem("123456")).hasValueSatisfying(p -> assertThat(p).contains("at most 5"));
        assertThat(PlainText.line(5).problem("12345")).isEmpty();
    }

    @Test
    void checkKeepsTheFirstProblemOfAFieldAndRequireRefusesNamingIt() {
        Map<String, String> problems = new LinkedHashMap<>();
        assertThat(PlainText.line(3).check("name", "abcd", problems)).isFalse();
        PlainText.ANY.check("name", "\u0000", problems);
        assertThat(problems).containsOnlyKeys("name");
        assertThat(problems.get("name")).contains("at most 3");
        assertThatThrownBy(() -> PlainText.line(10).require("remark", "x\u0000"))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.code()).isEqualTo(CommonRefusal.INVALID_INPUT);
                    assertThat(r.fieldErrors()).containsKey("remark");
                });
    }
}
