package org.orgcert.server.portal;

import java.util.function.Function;
import org.orgcert.server.application.MailingAddress;

/**
 * The mailing-address form (用人单位邮寄收件地址登记表) as a one-page A4 PDF, blank or pre-filled (R-MAT-4,
 * R-MAT-5): one copy, with the box for the official seal at the organisation's name.
 */
final class MailingFormPdf {
    /** R-MAT-4: one copy. */
    static final int COPIES = 1;
    private static final float LABEL = 125;
    private static final float ROW = 30;
    private static final float VALUE_SIZE = 11;

    private final CjkFont fonts;
    private final Texts texts;

    MailingFormPdf(CjkFont fonts, Texts texts) {
        this.fonts = fonts;
        this.texts = texts;
    }

    byte[] render(MailingFormData data) {
        try (PdfCanvas canvas = new PdfCanvas(fonts, texts.get("form.mailing.title"))) {
            int page = canvas.newPage();
            canvas.centred(62, 20, texts.get("form.mailing.title"));
            canvas.centred(84, 10.5f, texts.get("form.mailing.subtitle"));
            canvas.rightField(106, 10, texts.get("form.mailing.number"), data.number());

            float x = PdfCanvas.MARGIN;
            float y = 115;
            // The organisation's row is tall: the seal goes beside its name (R-MAT-4).
            float nameRow = 76;
            label(canvas, y, nameRow, "form.mailing.name");
            float sealWidth = 150;
            canvas.fitted(x + LABEL + 6, y, PdfCanvas.WIDTH - LABEL - sealWidth - 18, nameRow, VALUE_SIZE,
                    data.employerName());
            float sealX = x + PdfCanvas.WIDTH - sealWidth - 6;
            canvas.dashedBox(sealX, y + 6, sealWidth, nameRow - 12);
            String hint = texts.get("form.mailing.sealHere");
            canvas.text(sealX + (sealWidth - canvas.width(hint, 8.5f)) / 2, y + nameRow / 2 + 3, 8.5f, hint);
            y += nameRow;

            MailingAddress address = data.address();
            y = row(canvas, y, ROW, "form.mailing.recipient", address, MailingAddress::recipient);
            y = row(canvas, y, ROW, "form.mailing.phone", address, MailingAddress::phone);
            y = row(canvas, y, ROW, "form.mailing.province", address, MailingAddress::province);
            y = row(canvas, y, ROW, "form.mailing.city", address, MailingAddress::city);
            y = row(canvas, y, ROW, "form.mailing.district", address, MailingAddress::district);
            y = row(canvas, y, 50, "form.mailing.street", address, MailingAddress::street);
            y = row(canvas, y, ROW, "form.mailing.postalCode", address, MailingAddress::postalCode);

            y = canvas.paragraph(x, y + 24, PdfCanvas.WIDTH, 10, 16, texts.get("form.mailing.instructions")) + 4;
            y = canvas.paragraph(x, y, PdfCanvas.WIDTH, 10, 16, texts.get("form.mailing.hotline")) + 4;
            canvas.paragraph(x, y, PdfCanvas.WIDTH, 10, 16, texts.get("form.mailing.postage"));
            canvas.right(818, 9, texts.get("form.footer", COPIES, page));
            return canvas.toPdf();
        }
    }

    private void label(PdfCanvas canvas, float top, float height, String key) {
        canvas.box(PdfCanvas.MARGIN, top, LABEL, height);
        canvas.box(PdfCanvas.MARGIN + LABEL, top, PdfCanvas.WIDTH - LABEL, height);
        canvas.fitted(PdfCanvas.MARGIN + 6, top, LABEL - 12, height, 10, texts.get(key));
    }

    private float row(PdfCanvas canvas, float top, float height, String key, MailingAddress address,
            Function<MailingAddress, String> field) {
        label(canvas, top, height, key);
        canvas.fitted(PdfCanvas.MARGIN + LABEL + 6, top, PdfCanvas.WIDTH - LABEL - 12, height, VALUE_SIZE,
                address == null ? null : field.apply(address));
        return top + height;
    }
}
