package org.orgcert.server.portal;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.billing.Fen;
import org.orgcert.server.billing.InvoiceRequests;
import org.orgcert.server.billing.Payments;
import org.orgcert.server.lifecycle.InformationChangeRequests;
import org.orgcert.server.lifecycle.UnlockRequests;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customer service's page (CA_SERVICE): pending unlock requests (approve, or reject with a reason the
 * employer sees), pending information-change requests (the current and requested information side by side
 * with the scan of the paper; approving makes the change, R-FEE-1 c), unmatched transfers (match to an
 * application awaiting payment, or refund) and open invoice requests (record the invoice number). Each post is one call of the owning service; a field's
 * problem comes back next to that field in the reader's language, and nothing is changed then.
 */
@Controller
class StaffServicePages {
    private static final String PAGE = "redirect:/staff/service";

    /** Refusals of an approval with a text of their own ({@code staff.service.change.refused.<type>}). */
    static final Set<String> CHANGE_REFUSALS = Set.of("already-decided", "certificate-not-valid",
            "already-renewed", "invalid-employer-name", "nothing-changed");

    private final UnlockRequests unlocks;
    private final InformationChangeRequests changes;
    private final Payments payments;
    private final InvoiceRequests invoices;
    private final ApplicationService applications;

    StaffServicePages(UnlockRequests unlocks, InformationChangeRequests changes, Payments payments,
            InvoiceRequests invoices, ApplicationService applications) {
        this.unlocks = unlocks;
        this.changes = changes;
        this.payments = payments;
        this.invoices = invoices;
        this.applications = applications;
    }

    @GetMapping("/staff/service")
    String page(Actor actor, Model model) {
        actor.require("customer service", StaffRole.CA_SERVICE);
        model.addAttribute("unlocks", unlocks.pending());
        model.addAttribute("changes", changes.pending());
        model.addAttribute("payments", payments.unmatched());
        model.addAttribute("invoices", invoices.open());
        model.addAttribute("awaitingPayment", applications.queue(actor, ApplicationState.AWAITING_PAYMENT, null, 200));
        return "portal/staff/service";
    }

    @PostMapping("/staff/service/unlocks/{id}")
    String decide(@PathVariable UUID id, @RequestParam boolean approve, @RequestParam(defaultValue = "") String reason,
            Actor actor, RedirectAttributes redirect) {
        actor.require("customer service", StaffRole.CA_SERVICE);
        if (!approve && reason.isBlank()) {
            return fieldError(redirect, "unlock-" + id, "staff.service.reasonRequired");
        }
        unlocks.decide(id, approve, reason.isBlank() ? null : reason.strip(), actor);
        return done(redirect);
    }

    /**
     * Approves (the change itself, {@link InformationChangeRequests#approve}) or rejects with a reason. A refused
     * approval (the certificate was revoked meanwhile, say) is said next to the request, which stays pending.
     */
    @PostMapping("/staff/service/information-changes/{id}")
    String decideChange(@PathVariable UUID id, @RequestParam boolean approve,
            @RequestParam(defaultValue = "") String reason, Actor actor, RedirectAttributes redirect) {
        actor.require("customer service", StaffRole.CA_SERVICE);
        String field = "change-" + id;
        if (!approve && reason.isBlank()) {
            return fieldError(redirect, field, "staff.service.reasonRequired");
        }
        try {
            if (approve) {
                changes.approve(id, actor);
            } else {
                changes.reject(id, reason.strip(), actor);
            }
        } catch (Refusal refused) {
            return fieldError(redirect, field, "staff.service.change.refused"
                    + (CHANGE_REFUSALS.contains(refused.type()) ? "." + refused.type() : ""));
        }
        return done(redirect);
    }

    @PostMapping("/staff/service/payments/{id}/match")
    String match(@PathVariable UUID id, @RequestParam(required = false) UUID applicationId, Actor actor,
            RedirectAttributes redirect) {
        actor.require("customer service", StaffRole.CA_SERVICE);
        if (applicationId == null) {
            return fieldError(redirect, "match-" + id, "staff.service.chooseApplication");
        }
        payments.match(id, applicationId, actor.auditName());
        return done(redirect);
    }

    @PostMapping("/staff/service/payments/{id}/refund")
    String refund(@PathVariable UUID id, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String reason, Actor actor, RedirectAttributes redirect) {
        actor.require("customer service", StaffRole.CA_SERVICE);
        Fen fen = yuan(amount);
        if (fen == null || !fen.isPositive()) {
            return fieldError(redirect, "refund-" + id, "staff.service.amountInvalid");
        }
        if (reason.isBlank()) {
            return fieldError(redirect, "refund-reason-" + id, "staff.service.reasonRequired");
        }
        payments.refund(id, fen, reason.strip(), actor.auditName());
        return done(redirect);
    }

    @PostMapping("/staff/service/invoices/{id}")
    String issued(@PathVariable UUID id, @RequestParam(defaultValue = "") String taxReference, Actor actor,
            RedirectAttributes redirect) {
        actor.require("customer service", StaffRole.CA_SERVICE);
        if (taxReference.isBlank()) {
            return fieldError(redirect, "invoice-" + id, "staff.service.invoiceRequired");
        }
        invoices.issued(id, taxReference.strip(), actor);
        return done(redirect);
    }

    /** Yuan with at most two decimals, exactly, as fen; null when it is not such a number. */
    static Fen yuan(String text) {
        try {
            BigDecimal yuan = new BigDecimal(text.strip());
            if (yuan.scale() > 2) {
                return null;
            }
            return new Fen(yuan.movePointRight(2).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String fieldError(RedirectAttributes redirect, String field, String message) {
        redirect.addFlashAttribute("errorField", field);
        redirect.addFlashAttribute("errorMessage", message);
        return PAGE + "#" + field;
    }

    private static String done(RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", "staff.event.done");
        return PAGE;
    }
}
