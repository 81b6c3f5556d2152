package org.orgcert.server.portal;

import java.util.List;
import java.util.function.Function;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.employer.EmployerType;

/**
 * The application form (单位数字证书业务申请表) as a two-page A4 PDF, blank or pre-filled (R-MAT-3, R-MAT-5):
 * page 1 the form with boxes marked for the official seal (公章) and the signatures, page 2 its back, the
 * CA's service agreement, with the second seal box at its lower left. Printed in two copies.
 */
final class ApplicationFormPdf {
    /** R-MAT-3: two copies. */
    static final int COPIES = 2;
    private static final float TABLE_TOP = 115;
    private static final float ROW = 27;
    private static final float LABEL = 125;
    private static final float VALUE_SIZE = 11;
    private static final List<ApplicationKind> KINDS = List.of(ApplicationKind.NEW, ApplicationKind.ADDITIONAL,
            ApplicationKind.REISSUE);
    private static final List<Channel> CHANNELS = List.of(Channel.CA_HALL, Channel.MAIL, Channel.WINDOW);
    private static final List<Delivery> DELIVERIES = List.of(Delivery.ON_THE_SPOT, Delivery.MAIL,
            Delivery.WINDOW_PICKUP);

    private final CjkFont fonts;
    private final Texts texts;

    ApplicationFormPdf(CjkFont fonts, Texts texts) {
        this.fonts = fonts;
        this.texts = texts;
    }

    byte[] render(ApplicationFormData data) {
        try (PdfCanvas canvas = new PdfCanvas(fonts, texts.get("form.application.title"))) {
            front(canvas, data);
            back(canvas);
            return canvas.toPdf();
        }
    }

    private void front(PdfCanvas canvas, ApplicationFormData d) {
        int page = canvas.newPage();
        canvas.centred(62, 20, texts.get("form.application.title"));
        canvas.centred(84, 11, texts.get("form.application.subtitle"));
        canvas.rightField(106, 10, texts.get("form.application.number"), d.number());

        float x = PdfCanvas.MARGIN;
        float y = TABLE_TOP;
        y = row(canvas, y, "form.application.kind", ticks(KINDS, d.kind(), k -> "form.application.kind." + k));
        y = row(canvas, y, "form.application.name", d.employerName());
        y = row(canvas, y, "form.application.uscc", d.uscc());
        y = row(canvas, y, "form.application.type", ticks(List.of(EmployerType.values()), d.type(),
                t -> "employerType." + t));
        y = row(canvas, y, "form.application.address", d.address());
        y = row(canvas, y, "form.application.legalRep", d.legalRepName());
        y = row(canvas, y, "form.application.legalRepId", d.legalRepId());
        y = row(canvas, y, "form.application.agent", d.agentName());
        y = row(canvas, y, "form.application.agentMobile", d.agentMobile());
        y = row(canvas, y, "form.application.authorised", d.authorisedName());
        y = row(canvas, y, "form.application.authorisedId", d.authorisedId());
        y = row(canvas, y, "form.application.channel", ticks(CHANNELS, d.channel(), ch -> "form.channel." + ch));
        y = row(canvas, y, "form.application.delivery", ticks(DELIVERIES, d.delivery(), dl -> "form.delivery." + dl));
        y = row(canvas, y, "form.application.window", d.windowName());

        y = canvas.paragraph(x, y + 14, PdfCanvas.WIDTH, 8.5f, 12, texts.get("form.application.inPersonNote"));
        y = canvas.paragraph(x, y + 8, PdfCanvas.WIDTH, 10, 15, texts.get("form.application.declaration"));

        // The marked places: the official seal and the two signatures (R-MAT-3).
        float top = y + 4;
        float gap = 10;
        float width = (PdfCanvas.WIDTH - 2 * gap) / 3;
        markedBox(canvas, x, top, width, texts.get("form.application.seal"), texts.get("form.application.sealHere"));
        markedBox(canvas, x + width + gap, top, width, texts.get("form.application.legalRepSignature"), null);
        markedBox(canvas, x + 2 * (width + gap), top, width, texts.get("form.application.agentSignature"), null);

        float staff = top + 120 + 12;
        canvas.box(x, staff, PdfCanvas.WIDTH, 36);
        canvas.text(x + 6, staff + 14, 9, texts.get("form.application.staff"));
        canvas.text(x + 6, staff + 29, 10, texts.get("form.application.staffReceived") + "：");
        canvas.line(x + 70, x + 230, staff + 30);
        canvas.text(x + 260, staff + 29, 10, texts.get("form.application.staffDate") + "：");
        canvas.line(x + 320, x + PdfCanvas.WIDTH - 10, staff + 30);

        footer(canvas, page);
    }

    private void back(PdfCanvas canvas) {
        int page = canvas.newPage();
        float x = PdfCanvas.MARGIN;
        canvas.centred(62, 14, texts.get("form.agreement.title"));
        float y = 96;
        for (int n = 1; n <= 6; n++) {
            y = canvas.paragraph(x, y, PdfCanvas.WIDTH, 10.5f, 17, texts.get("form.agreement." + n)) + 6;
        }
        // R-MAT-3: the back is sealed too, at its lower left.
        markedBox(canvas, x, 640, 200, texts.get("form.agreement.seal"), texts.get("form.application.sealHere"));
        footer(canvas, page);
    }

    private void footer(PdfCanvas canvas, int page) {
        canvas.paragraph(PdfCanvas.MARGIN, 790, PdfCanvas.WIDTH, 8.5f, 11, texts.get("form.application.allFields"));
        canvas.right(818, 9, texts.get("form.footer", COPIES, page));
    }

    /** A dashed box with its label at the top left, an optional hint in the middle and a date line. */
    private void markedBox(PdfCanvas canvas, float x, float top, float width, String label, String hint) {
        float height = 120;
        canvas.dashedBox(x, top, width, height);
        canvas.text(x + 6, top + 15, 10, label);
        if (hint != null) {
            canvas.text(x + (width - canvas.width(hint, 9)) / 2, top + height / 2 + 4, 9, hint);
        }
        canvas.text(x + 6, top + height - 9, 9, texts.get("form.application.date"));
    }

    /** What a row's value cell shows, drawn with the cell's left edge and top. */
    private interface Cell {
        void draw(PdfCanvas canvas, float x, float top);
    }

    /** A table row with a text value; returns the top of the next row. */
    private float row(PdfCanvas canvas, float top, String labelKey, String value) {
        return row(canvas, top, labelKey, (c, x, t) -> c.fitted(x + 6, t, PdfCanvas.WIDTH - LABEL - 12, ROW,
                VALUE_SIZE, value));
    }

    /** A table row: the label and the cell {@code value} draws; returns the top of the next row. */
    private float row(PdfCanvas canvas, float top, String labelKey, Cell value) {
        float x = PdfCanvas.MARGIN;
        canvas.box(x, top, LABEL, ROW);
        canvas.box(x + LABEL, top, PdfCanvas.WIDTH - LABEL, ROW);
        canvas.fitted(x + 6, top, LABEL - 12, ROW, 10, texts.get(labelKey));
        value.draw(canvas, x + LABEL, top);
        return top + ROW;
    }

    /** Tick boxes for {@code options}, the one {@code chosen} ticked (none on the blank form). */
    private <T> Cell ticks(List<T> options, T chosen, Function<T, String> key) {
        return (canvas, x, top) -> {
            float left = x + 8;
            for (T option : options) {
                left = canvas.tickBox(left, top + ROW / 2 + 3.5f, 10, texts.get(key.apply(option)),
                        option.equals(chosen));
            }
        };
    }
}
