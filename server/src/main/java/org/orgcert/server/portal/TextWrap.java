package org.orgcert.server.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Breaks a paragraph into lines that fit a width, for the PDFs. Chinese breaks between any two characters
 * (except before closing punctuation, which stays on its line); Latin text breaks at spaces, and a word
 * longer than a line is cut.
 */
final class TextWrap {
    /** Punctuation that must not start a line (the common cases of the Chinese line-breaking rule). */
    private static final String NO_LINE_START = "，。、；：？！）》」』”’,.;:?!)%";

    private TextWrap() {
    }

    /** The lines of {@code text} in {@code font} at {@code size} points, each at most {@code width} wide. */
    static List<String> lines(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            wrap(paragraph, font, size, width, lines);
        }
        return lines;
    }

    /** The width of {@code text} in points. */
    static float width(String text, PDFont font, float size) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void wrap(String paragraph, PDFont font, float size, float width, List<String> lines) {
        StringBuilder line = new StringBuilder();
        for (String token : tokens(paragraph)) {
            boolean fits = width((line + token).stripTrailing(), font, size) <= width;
            // Closing punctuation may hang past the margin rather than begin a line.
            boolean hangs = line.length() > 0 && NO_LINE_START.indexOf(token.charAt(0)) >= 0;
            if (line.length() > 0 && (fits || hangs)) {
                line.append(token);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                token = token.stripLeading();
            }
            line.append(token);
            // A word wider than a whole line is cut where it must be.
            while (line.length() > 1 && width(line.toString().stripTrailing(), font, size) > width) {
                int cut = fitting(line.toString(), font, size, width);
                lines.add(line.substring(0, cut));
                line.delete(0, cut);
            }
        }
        lines.add(line.toString().stripTrailing());
    }

    /** How many leading characters of {@code text} fit (at least one). */
    private static int fitting(String text, PDFont font, float size, float width) {
        int n = 1;
        while (n < text.length() && width(text.substring(0, n + 1), font, size) <= width) {
            n++;
        }
        return n;
    }

    /** A CJK character is a token of its own; a Latin word is one token with the spaces after it. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            boolean cjk = Character.isIdeographic(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                    || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
            if (cjk) {
                if (word.length() > 0) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                tokens.add(new String(Character.toChars(cp)));
            } else if (cp == ' ') {
                word.append(' ');
                tokens.add(word.toString());
                word.setLength(0);
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }
}
