package org.orgcert.server.portal;

import java.util.List;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.billing.FeeQuotes;
import org.orgcert.server.billing.Payer;
import org.orgcert.server.billing.Quote;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /fees}: the fee calculator (R-FEE-1..3). A GET form, so a quote has an address and needs no
 * session or CSRF token; the USCC is checked first and its error shown next to the field, then
 * {@link FeeQuotes} prices the kind for that employer today (its register entry and certificate history).
 */
@Controller
class FeeCalculatorPage {
    /**
     * The kinds an employer can price by USCC alone. RENEWAL is priced by the certificate renewed (the page
     * explains it); CANCEL costs nothing.
     */
    static final List<ApplicationKind> KINDS = List.of(ApplicationKind.NEW, ApplicationKind.ADDITIONAL,
            ApplicationKind.REISSUE, ApplicationKind.INFO_CHANGE, ApplicationKind.UNLOCK);

    private final FeeQuotes quotes;

    FeeCalculatorPage(FeeQuotes quotes) {
        this.quotes = quotes;
    }

    @GetMapping(PortalPaths.FEES)
    String fees(@RequestParam(name = "uscc", required = false) String uscc,
            @RequestParam(name = "kind", required = false) String kind, Model model) {
        model.addAttribute("kinds", KINDS);
        model.addAttribute("uscc", uscc == null ? "" : uscc);
        ApplicationKind chosen = KINDS.stream().filter(k -> k.name().equals(kind)).findFirst().orElse(null);
        model.addAttribute("kind", chosen == null ? ApplicationKind.NEW : chosen);
        if (uscc == null && kind == null) {
            return "portal/fees"; // the empty form
        }
        UsccInput input = UsccInput.of(uscc);
        input.problem().ifPresent(problem -> model.addAttribute("usccError", problem));
        if (chosen == null) {
            model.addAttribute("kindError", true);
        }
        if (input.uscc().isPresent() && chosen != null) {
            Quote quote = quotes.quote(chosen, input.uscc().get());
            model.addAttribute("quote", quote);
            model.addAttribute("lines", quote.lines().stream().map(line -> FeeLine.of(chosen, line)).toList());
            model.addAttribute("employerPays", quote.total(Payer.EMPLOYER).toString());
            model.addAttribute("bureauPays", quote.total(Payer.BUREAU).toString());
        }
        return "portal/fees";
    }
}
