package org.orgcert.server.portal;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationDocuments;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.application.Scans;
import org.orgcert.server.billing.BillingSettings;
import org.orgcert.server.billing.Fen;
import org.orgcert.server.billing.InvoiceRequests;
import org.orgcert.server.billing.Payments;
import org.orgcert.server.directory.CaHall;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.tracking.Timelines;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code GET /my/applications/{id}}: one application as its employer follows it — the progress through the steps
 * of its channel with the dates done and expected and the waybill ({@link Timelines#progress}), the timeline
 * ({@link Timelines}: steps, "ready by" R-CH-2, "collect between" R-CH-5..7), the pre-filled forms, the
 * materials with their scans and an upload form ({@link ApplicationDocuments}: type by content, refusals
 * shown with their reason), and while AWAITING_PAYMENT the payment box (R-FEE-4). Another employer's
 * application is the 404 page ({@link ApplicationService#getFor}).
 */
@Controller
class MyApplicationPage {
    private final ApplicationService applications;
    private final Timelines timelines;
    private final ApplicationDocuments documents;
    private final Directory directory;
    private final Payments payments;
    private final BillingSettings billing;
    private final InvoiceRequests invoices;
    private final MessageSource messages;
    private final RefusalTexts refusals;

    MyApplicationPage(ApplicationService applications, Timelines timelines, ApplicationDocuments documents,
            Directory directory, Payments payments, BillingSettings billing, InvoiceRequests invoices,
            MessageSource messages, RefusalTexts refusals) {
        this.invoices = invoices;
        this.messages = messages;
        this.refusals = refusals;
        this.applications = applications;
        this.timelines = timelines;
        this.documents = documents;
        this.directory = directory;
        this.payments = payments;
        this.billing = billing;
    }

    /** {@code ?fileTooLarge}: an upload beyond the servlet's limit, sent back here by {@link UploadLimitFilter}. */
    @GetMapping(PortalPaths.MY_APPLICATION)
    String status(@PathVariable UUID id,
            @RequestParam(name = UploadLimitFilter.TOO_LARGE, required = false) String tooLarge,
            Actor.EmployerAgent agent, Model model, Locale locale) {
        if (tooLarge != null) {
            model.addAttribute("uploadError", messages.getMessage("my.status.upload.error.file-too-large", null,
                    locale));
        }
        return show(id, agent, model);
    }

    @PostMapping(PortalPaths.MY_APPLICATION_DOCUMENTS)
    String upload(@PathVariable UUID id, @RequestParam(name = "item", required = false) String item,
            @RequestParam(name = "file", required = false) MultipartFile file, Actor.EmployerAgent agent,
            Model model, Locale locale) throws IOException {
        Optional<MaterialItem> chosen = Arrays.stream(MaterialItem.values()).filter(m -> m.name().equals(item))
                .findFirst();
        if (chosen.isEmpty()) {
            model.addAttribute("uploadError", messages.getMessage("my.status.upload.error.item", null, locale));
            return show(id, agent, model);
        }
        try {
            documents.upload(id, chosen.get(), file == null ? null : file.getOriginalFilename(),
                    file == null ? null : file.getBytes(), agent);
        } catch (Refusal problem) {
            // The reason in the reader's language, by the problem's type (the upload form's own wording first);
            // nothing was stored.
            model.addAttribute("uploadError", refusals.text(problem, locale, "my.status.upload.error."));
            model.addAttribute("uploadItem", chosen.get());
            return show(id, agent, model);
        }
        return "redirect:/my/applications/" + id + "?uploaded";
    }

    /** An invoice for what was paid (R-FEE-4, {@link InvoiceRequests}): refusals per field, nothing stored. */
    @PostMapping(PortalPaths.MY_APPLICATION_INVOICE)
    String invoice(@PathVariable UUID id, @RequestParam(name = "buyerName", required = false) String buyerName,
            @RequestParam(name = "taxNumber", required = false) String taxNumber,
            @RequestParam(name = "amount", required = false) String amount,
            @RequestParam(name = "email", required = false) String email, Actor.EmployerAgent agent, Model model) {
        Application application = applications.get(id, agent);
        try {
            invoices.request(application, buyerName, taxNumber, yuan(amount), email, agent.auditName());
        } catch (Refusal problem) {
            model.addAttribute("invoiceErrors", FieldMessages.of(problem, "my.invoice.error.",
                    Set.of("buyerName", "taxNumber", "amount", "email")));
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("buyerName", buyerName);
            typed.put("taxNumber", taxNumber);
            typed.put("amount", amount);
            typed.put("email", email);
            model.addAttribute("invoiceForm", typed);
            return show(id, agent, model);
        }
        return "redirect:/my/applications/" + id + "?invoiced";
    }

    /** Yuan as typed ({@code 220} or {@code 220.00}) in fen; null (refused as the amount) when not such a number. */
    static Fen yuan(String text) {
        try {
            BigDecimal yuan = new BigDecimal(text == null ? "" : text.strip());
            return yuan.scale() > 2 ? null : new Fen(yuan.movePointRight(2).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private String show(UUID id, Actor.EmployerAgent agent, Model model) {
        Application application = applications.get(id, agent);
        model.addAttribute("app", application);
        model.addAttribute("maxScanBytes", Scans.MAX_BYTES); // upload-limit.js refuses larger files before sending
        model.addAttribute("timeline", timelines.of(id, agent));
        model.addAttribute("progress", timelines.progress(id, agent));
        model.addAttribute("documents", documents.list(id, agent));
        model.addAttribute("materialsOpen", applications.materialsOpen(application));
        model.addAttribute("window", application.form().windowId() == null ? null
                : directory.window(application.form().windowId()).orElse(null));
        model.addAttribute("hall", CaHall.HALL);
        if (application.state() == ApplicationState.AWAITING_PAYMENT) {
            model.addAttribute("billing", billing);
            model.addAttribute("amountDue", payments.outstanding(id).toString());
        }
        var paid = payments.forApplication(id);
        if (!paid.isEmpty()) {
            model.addAttribute("invoiceRequests", invoices.list(id));
            if (!model.containsAttribute("invoiceForm")) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("buyerName", application.form().employerName());
                form.put("taxNumber", application.form().uscc().value());
                form.put("amount", paid.stream().map(p -> p.amount().minus(p.refunded())).reduce(Fen.ZERO, Fen::plus)
                        .toString());
                form.put("email", "");
                model.addAttribute("invoiceForm", form);
            }
            if (!model.containsAttribute("invoiceErrors")) {
                model.addAttribute("invoiceErrors", Map.of());
            }
        }
        return "portal/my/application";
    }
}
