package org.orgcert.server.portal;

import java.util.Locale;
import java.util.UUID;
import org.orgcert.server.domain.Actor;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The portal's PDFs: the blank application and mailing-address forms (public, R-MAT-6), the same forms
 * pre-filled from an application (signed-in staff and the employer's agent, by the application's access
 * rules; R-MAT-3..5) and the usage guide in the reader's language (R-DOC-1).
 */
@Controller
class PdfDownloads {
    private final CjkFont fonts;
    private final MessageSource messages;
    private final PrefilledForms prefilled;

    PdfDownloads(CjkFont fonts, MessageSource messages, PrefilledForms prefilled) {
        this.fonts = fonts;
        this.messages = messages;
        this.prefilled = prefilled;
    }

    @GetMapping(PortalPaths.BLANK_APPLICATION_FORM)
    ResponseEntity<byte[]> blankApplicationForm() {
        return pdf("application-form.pdf", applicationForm().render(ApplicationFormData.blank()), false);
    }

    @GetMapping(PortalPaths.BLANK_MAILING_FORM)
    ResponseEntity<byte[]> blankMailingForm() {
        return pdf("mailing-form.pdf", mailingForm().render(MailingFormData.blank()), false);
    }

    @GetMapping(PortalPaths.APPLICATION_FORM)
    ResponseEntity<byte[]> applicationForm(@PathVariable("id") UUID id, Actor actor) {
        ApplicationFormData data = prefilled.applicationForm(id, actor);
        return pdf("application-form-" + data.number() + ".pdf", applicationForm().render(data), true);
    }

    @GetMapping(PortalPaths.MAILING_FORM)
    ResponseEntity<byte[]> mailingForm(@PathVariable("id") UUID id, Actor actor) {
        MailingFormData data = prefilled.mailingForm(id, actor);
        return pdf("mailing-form-" + data.number() + ".pdf", mailingForm().render(data), true);
    }

    @GetMapping(PortalPaths.GUIDE_PDF)
    ResponseEntity<byte[]> guide(Locale locale) {
        Language language = Language.of(locale);
        return pdf("usage-guide-" + language.tag() + ".pdf",
                new GuidePdf(fonts, new Texts(messages, language.locale())).render(), false);
    }

    private ApplicationFormPdf applicationForm() {
        return new ApplicationFormPdf(fonts, Texts.forms(messages));
    }

    private MailingFormPdf mailingForm() {
        return new MailingFormPdf(fonts, Texts.forms(messages));
    }

    /**
     * A PDF download. {@code personal}: it holds personal data (ID and mobile numbers), so no cache may keep
     * it; the blank forms and the guide are the same for everyone.
     */
    private static ResponseEntity<byte[]> pdf(String filename, byte[] body, boolean personal) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .cacheControl(personal ? CacheControl.noStore() : CacheControl.noCache())
                .contentType(MediaType.APPLICATION_PDF).body(body);
    }
}
