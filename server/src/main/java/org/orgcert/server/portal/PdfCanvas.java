package org.orgcert.server.portal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Draws the portal's A4 documents with PDFBox in coordinates measured from the top of the page (as one
 * reads a form), with the embedded Chinese font of {@link CjkFont}. One canvas makes one document: draw,
 * then {@link #toPdf()}.
 */
final class PdfCanvas implements Closeable {
    static final PDRectangle A4 = PDRectangle.A4;
    static final float MARGIN = 45;
    /** The width between the margins. */
    static final float WIDTH = A4.getWidth() - 2 * MARGIN;

    private final PDDocument document;
    private final CjkFont.Handle font;
    // Whether the font has a glyph for a code point, asked once per document.
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private PDPageContentStream content;
    private int pages;

    PdfCanvas(CjkFont fonts, String title) {
        this.document = new PDDocument();
        try {
            this.font = fonts.open(document);
        } catch (RuntimeException e) {
            closeQuietly(document);
            throw e;
        }
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("OrgCert");
    }

    /** Starts a new page; drawing goes there from now on. Returns its number, from 1. */
    int newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            content.setLineWidth(0.8f);
            return ++pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PDFont font() {
        return font.font();
    }

    /** {@code text} with every character the font lacks replaced by {@code ?}, so it can be drawn and measured. */
    String drawable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(glyphs.computeIfAbsent(cp, this::hasGlyph)
                ? new String(Character.toChars(cp)) : "?"));
        return out.toString();
    }

    private boolean hasGlyph(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return false;
        }
        try {
            font.font().encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Writes {@code text} with its baseline {@code y} points below the top edge. */
    void text(float x, float y, float size, String text) {
        String safe = drawable(text);
        if (safe.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(font.font(), size);
            content.newLineAtOffset(x, A4.getHeight() - y);
            content.showText(safe);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} centred between the margins. */
    void centred(float y, float size, String text) {
        String safe = drawable(text);
        text(MARGIN + (WIDTH - width(safe, size)) / 2, y, size, safe);
    }

    /** Writes {@code text} ending at the right margin. */
    void right(float y, float size, String text) {
        String safe = drawable(text);
        text(MARGIN + WIDTH - width(safe, size), y, size, safe);
    }

    /**
     * A label and its value ending at the right margin, e.g. the application number; with no value, a line
     * to write it on.
     */
    void rightField(float y, float size, String label, String value) {
        if (value != null) {
            right(y, size, label + "：" + value);
            return;
        }
        float line = 120;
        String text = label + "：";
        text(MARGIN + WIDTH - line - width(text, size), y, size, text);
        line(MARGIN + WIDTH - line, MARGIN + WIDTH, y + 2);
    }

    /**
     * Writes a paragraph wrapped to {@code width}, first baseline at {@code y}; returns the baseline after
     * the last line (where the next paragraph may start).
     */
    float paragraph(float x, float y, float width, float size, float leading, String text) {
        List<String> lines = TextWrap.lines(drawable(text), font.font(), size, width);
        for (String line : lines) {
            text(x, y, size, line);
            y += leading;
        }
        return y;
    }

    /**
     * Writes {@code text} inside a cell, vertically centred: shrunk down to 7 pt to fit one line, else
     * wrapped over as many lines as the cell holds at 7 pt.
     */
    void fitted(float x, float top, float width, float height, float size, String text) {
        String safe = drawable(text);
        if (safe.isEmpty()) {
            return;
        }
        float fittedSize = size;
        while (fittedSize > 7 && width(safe, fittedSize) > width) {
            fittedSize -= 0.5f;
        }
        if (width(safe, fittedSize) <= width) {
            text(x, top + height / 2 + fittedSize * 0.35f, fittedSize, safe);
            return;
        }
        List<String> lines = TextWrap.lines(safe, font.font(), 7, width);
        float leading = 8.5f;
        float y = top + (height - lines.size() * leading) / 2 + 7;
        for (String line : lines) {
            text(x, y, 7, line);
            y += leading;
        }
    }

    /** The width of {@code text} at {@code size} points. */
    float width(String text, float size) {
        return TextWrap.width(drawable(text), font.font(), size);
    }

    /** A rectangle with its top-left corner at ({@code x}, {@code top}). */
    void box(float x, float top, float width, float height) {
        try {
            content.addRect(x, A4.getHeight() - top - height, width, height);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dashed rectangle: where a seal or signature goes. */
    void dashedBox(float x, float top, float width, float height) {
        try {
            content.setLineDashPattern(new float[] {4, 3}, 0);
            box(x, top, width, height);
            content.setLineDashPattern(new float[] {}, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A horizontal line. */
    void line(float x1, float x2, float y) {
        try {
            content.moveTo(x1, A4.getHeight() - y);
            content.lineTo(x2, A4.getHeight() - y);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tick box with its label after it, the box crossed when {@code ticked}; returns the x after it. */
    float tickBox(float x, float baseline, float size, String label, boolean ticked) {
        float side = size * 0.9f;
        float top = baseline - side + 1;
        box(x, top, side, side);
        if (ticked) {
            try {
                float bottom = A4.getHeight() - top - side;
                content.moveTo(x + 2, bottom + side / 2);
                content.lineTo(x + side * 0.42f, bottom + 2);
                content.lineTo(x + side - 1.5f, bottom + side - 1.5f);
                content.stroke();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        text(x + side + 3, baseline, size, label);
        return x + side + 3 + width(label, size) + 12;
    }

    /** Finishes the document: the font subset is embedded now. */
    byte[] toPdf() {
        try {
            if (content != null) {
                content.close();
                content = null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
        } catch (IOException | IllegalStateException e) {
            // closing after a failure: nothing more to save
        }
        closeQuietly(document);
        try {
            font.close();
        } catch (IOException e) {
            // the font file was only read
        }
    }

    private static void closeQuietly(PDDocument document) {
        try {
            document.close();
        } catch (IOException e) {
            // nothing was written
        }
    }
}
