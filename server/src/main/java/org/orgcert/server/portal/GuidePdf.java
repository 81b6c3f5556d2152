package org.orgcert.server.portal;

/**
 * The usage guide (R-DOC-1) as an A4 PDF in the reader's language, from the same messages as the page
 * ({@link UsageGuide}): title, introduction, the sections, a page number on every page.
 */
final class GuidePdf {
    private static final float BOTTOM = 780;
    private static final float BODY = 10.5f;
    private static final float LEADING = 17;

    private final CjkFont fonts;
    private final Texts texts;

    GuidePdf(CjkFont fonts, Texts texts) {
        this.fonts = fonts;
        this.texts = texts;
    }

    byte[] render() {
        try (PdfCanvas canvas = new PdfCanvas(fonts, texts.get("guide.title"))) {
            newPage(canvas);
            float x = PdfCanvas.MARGIN;
            canvas.centred(70, 18, texts.get("guide.title"));
            float y = canvas.paragraph(x, 100, PdfCanvas.WIDTH, BODY, LEADING, texts.get("guide.intro")) + 8;
            for (UsageGuide.Section section : UsageGuide.SECTIONS) {
                if (y + 3 * LEADING > BOTTOM) {
                    newPage(canvas);
                    y = 70;
                }
                canvas.text(x, y + 6, 13, texts.get(section.titleKey()));
                y += 6 + LEADING + 4;
                for (String key : section.paragraphKeys()) {
                    for (String line : TextWrap.lines(canvas.drawable(texts.get(key)), canvas.font(), BODY,
                            PdfCanvas.WIDTH)) {
                        if (y > BOTTOM) {
                            newPage(canvas);
                            y = 70;
                        }
                        canvas.text(x, y, BODY, line);
                        y += LEADING;
                    }
                    y += 4;
                }
                y += 8;
            }
            return canvas.toPdf();
        }
    }

    private void newPage(PdfCanvas canvas) {
        int page = canvas.newPage();
        canvas.line(PdfCanvas.MARGIN, PdfCanvas.MARGIN + PdfCanvas.WIDTH, 800);
        canvas.centred(815, 8.5f, texts.get("guidePdf.footer", page));
    }
}
