package org.orgcert.server.billing;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.PublicUrl;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The billing API: quotes (public, for the fee calculator), the price list, an application's charges and
 * payment page, transfers (record, import, match, refund), invoice requests and the bureau's monthly report.
 */
@RestController
class BillingController {
    private static final int MAX_STATEMENT_BYTES = 2 * 1024 * 1024;
    private final FeeQuotes quotes;
    private final PriceList prices;
    private final Payments payments;
    private final InvoiceRequests invoices;
    private final SubsidyReport report;
    private final ApplicationService applications;
    private final BillingSettings settings;
    private final String publicUrl;

    BillingController(FeeQuotes quotes, PriceList prices, Payments payments, InvoiceRequests invoices,
            SubsidyReport report, ApplicationService applications, BillingSettings settings,
            PublicUrl publicUrl) {
        this.quotes = quotes;
        this.prices = prices;
        this.payments = payments;
        this.invoices = invoices;
        this.report = report;
        this.applications = applications;
        this.settings = settings;
        this.publicUrl = publicUrl.base();
    }

    record NewPrice(PriceItem item, Long amountFen, LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    record Match(UUID applicationId) {
    }

    record Refund(Long amountFen, String reason) {
    }

    record NewInvoiceRequest(String buyerName, String taxNumber, Long amountFen, String email) {
    }

    record Issued(String taxReference) {
    }

    /** R-FEE: what {@code kind} costs the employer with {@code uscc} today, and why, line by line. */
    @GetMapping("/api/v1/quotes")
    Map<String, Object> quote(@RequestParam ApplicationKind kind, @RequestParam String uscc) {
        Uscc parsed;
        try {
            parsed = new Uscc(uscc.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw Refusal.invalidFields("not a valid USCC", Map.of("uscc", e.getMessage()));
        }
        if (kind == ApplicationKind.RENEWAL) {
            throw BillingRefusal.QUOTE_RENEWAL_BY_CERTIFICATE.refuse("A renewal's price depends on the certificate;"
                    + " the assistant shows it when renewing (R-REN-3).");
        }
        Quote quote = quotes.quote(kind, parsed);
        return Map.of("kind", kind, "insideKunming", quote.facts().insideKunming(), "first", quote.facts().first(),
                "lines", quote.lines().stream().map(BillingController::line).toList(),
                "employerPaysFen", quote.total(Payer.EMPLOYER), "bureauPaysFen", quote.total(Payer.BUREAU));
    }

    @GetMapping("/api/v1/prices")
    List<Price> prices() {
        return prices.all();
    }

    @PostMapping("/api/v1/prices")
    @ResponseStatus(HttpStatus.CREATED)
    Price addPrice(@RequestBody NewPrice price, Actor actor) {
        actor.require("changing the price list", StaffRole.BUREAU_ADMIN);
        return prices.add(price.item(), price.amountFen() == null ? null : new Fen(price.amountFen()),
                price.effectiveFrom(), price.effectiveTo(), actor.auditName());
    }

    /** What the application costs, who pays, what was paid and what is still owed. */
    @GetMapping("/api/v1/applications/{id}/charges")
    Map<String, Object> charges(@PathVariable UUID id, Actor actor) {
        Application application = applications.get(id, actor);
        return Map.of("charges", quotes.booked(application.id()), "payments", payments.forApplication(application.id()),
                "outstandingFen", payments.outstanding(application.id()), "invoiceRequests",
                invoices.list(application.id()));
    }

    /** The payment page's content (R-FEE-4): account, amount, the remark to use, the invoice request link. */
    @GetMapping("/api/v1/applications/{id}/payment")
    Map<String, Object> payment(@PathVariable UUID id, Actor actor) {
        Application application = applications.get(id, actor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountName", settings.accountName());
        body.put("accountNumber", settings.accountNumber());
        body.put("bank", settings.bank());
        body.put("amountFen", payments.outstanding(application.id()));
        body.put("remark", application.form().employerName());
        body.put("remarkNote", "个人账户转账须在备注中写明单位全称 / a transfer from a personal account must carry the"
                + " employer's full name in its remark");
        body.put("invoiceRequestUrl", invoiceUrl(application));
        body.put("invoiceQr", "/api/v1/applications/" + id + "/payment/invoice-qr.png");
        return body;
    }

    @GetMapping(value = "/api/v1/applications/{id}/payment/invoice-qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    byte[] invoiceQr(@PathVariable UUID id, Actor actor) {
        return QrCodes.png(invoiceUrl(applications.get(id, actor)), 240);
    }

    @PostMapping("/api/v1/applications/{id}/invoice-requests")
    @ResponseStatus(HttpStatus.CREATED)
    InvoiceRequest requestInvoice(@PathVariable UUID id, @RequestBody NewInvoiceRequest request, Actor actor) {
        Application application = applications.get(id, actor);
        return invoices.request(application, request.buyerName(), request.taxNumber(),
                request.amountFen() == null ? null : new Fen(request.amountFen()), request.email(), actor.auditName());
    }

    @GetMapping("/api/v1/invoice-requests")
    List<InvoiceRequest> openInvoiceRequests(Actor actor) {
        actor.require("the invoice queue", StaffRole.CA_SERVICE);
        return invoices.open();
    }

    @PostMapping("/api/v1/invoice-requests/{id}/issued")
    void invoiceIssued(@PathVariable UUID id, @RequestBody Issued issued, Actor actor) {
        invoices.issued(id, issued.taxReference(), actor);
    }

    @PostMapping("/api/v1/payments")
    ResponseEntity<Payment> recordPayment(@RequestBody PaymentInput payment, Actor actor) {
        actor.require("recording a payment", StaffRole.CA_SERVICE);
        Payments.Recorded recorded = payments.record(payment, actor.auditName());
        return ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded.payment());
    }

    /** A bank statement as CSV (see {@link Payments#importCsv}); at most 2 MiB. */
    @PostMapping(value = "/api/v1/payments/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    Payments.Imported importPayments(@RequestBody String csv, Actor actor) {
        actor.require("importing a statement", StaffRole.CA_SERVICE);
        if (csv.length() > MAX_STATEMENT_BYTES) {
            throw BillingRefusal.STATEMENT_TOO_LARGE.refuse("A statement may have at most 2 MiB; split it.");
        }
        return payments.importCsv(new StringReader(csv), actor.auditName());
    }

    @GetMapping("/api/v1/payments")
    List<Payment> unmatched(Actor actor) {
        actor.require("the matching queue", StaffRole.CA_SERVICE);
        return payments.unmatched();
    }

    @PostMapping("/api/v1/payments/{id}/match")
    Payment match(@PathVariable UUID id, @RequestBody Match match, Actor actor) {
        actor.require("matching a payment", StaffRole.CA_SERVICE);
        return payments.match(id, match.applicationId(), actor.auditName());
    }

    @PostMapping("/api/v1/payments/{id}/refund")
    Payment refund(@PathVariable UUID id, @RequestBody Refund refund, Actor actor) {
        actor.require("refunding a payment", StaffRole.CA_SERVICE);
        return payments.refund(id, refund.amountFen() == null ? null : new Fen(refund.amountFen()), refund.reason(),
                actor.auditName());
    }

    /** The bureau's monthly subsidy report; {@code format=csv} downloads it. */
    @GetMapping("/api/v1/billing/subsidy-report")
    ResponseEntity<?> subsidyReport(@RequestParam String month, @RequestParam(defaultValue = "json") String format,
            Actor actor) {
        actor.require("the subsidy report", StaffRole.BUREAU_ADMIN, StaffRole.AUDITOR, StaffRole.CA_SERVICE);
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidFields("not a month", Map.of("month", "like 2026-06"));
        }
        SubsidyReport.Month result = report.month(parsed);
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=subsidy-" + parsed + ".csv")
                    .body(result.csv());
        }
        return ResponseEntity.ok(result);
    }

    private String invoiceUrl(Application application) {
        return publicUrl + "/invoice?application=" + application.id();
    }

    private static Map<String, Object> line(QuoteLine line) {
        return Map.of("item", line.item(), "amountFen", line.amount(), "payer", line.payer(), "rule", line.rule(),
                "reason", line.reason());
    }
}
