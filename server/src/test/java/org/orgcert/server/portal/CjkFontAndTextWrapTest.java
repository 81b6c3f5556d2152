package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

/** The PDFs' font and line breaking, without Spring. */
class CjkFontAndTextWrapTest {

    @Test
    void aMissingFontFailsWithWhatToInstall() throws IOException {
        try (PDDocument document = new PDDocument()) {
            assertThatThrownBy(() -> new CjkFont("/nonexistent/font.ttc").open(document))
                    .isInstanceOf(CjkFont.FontMissingException.class)
                    .hasMessageContaining("apt-get install fonts-wqy-zenhei")
                    .hasMessageContaining("orgcert.portal.cjk-font");
        }
    }

    @Test
    void linesFitTheWidthAndClosingPunctuationNeverStartsALine() throws IOException {
        try (PDDocument document = new PDDocument(); CjkFont.Handle handle = new CjkFont("").open(document)) {
            PDFont font = handle.font();
            String text = "用人单位保证申请资料真实、完整、有效；资料变更的，应及时申请更新证书信息。统一社会信用代码不能变更。"
                    + " Mixed with English words that wrap at spaces, and averyveryverylongwordwithoutanyspaceatall.";
            float width = 120;
            List<String> lines = TextWrap.lines(text, font, 10, width);
            assertThat(lines).hasSizeGreaterThan(5);
            assertThat(String.join("", lines).replace(" ", "")).isEqualTo(text.replace(" ", ""));
            for (String line : lines) {
                assertThat("，。、；：）”").doesNotContain(line.substring(0, 1));
                // A closing mark may hang past the margin by itself; nothing else does.
                String body = line.replaceAll("[，。、；：）”]$", "");
                assertThat(TextWrap.width(body, font, 10)).as(line).isLessThanOrEqualTo(width);
            }
        }
    }
}
