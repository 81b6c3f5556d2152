package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.orgcert.server.account.StatusLookupLimits;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /application-status}: anyone with an application's number and its employer's USCC sees where it is
 * and what comes next, without signing in (issue 14). A number with a USCC that is not its employer's answers
 * exactly like an unknown number, and every lookup counts against the client's network
 * ({@link StatusLookupLimits}), so the page cannot be used to find out which numbers exist.
 */
@Controller
class StatusLookupPage {
    private final ApplicationService applications;
    private final StatusLookupLimits limits;

    StatusLookupPage(ApplicationService applications, StatusLookupLimits limits) {
        this.applications = applications;
        this.limits = limits;
    }

    @GetMapping(PortalPaths.APPLICATION_STATUS)
    String form(Model model) {
        model.addAttribute("number", "");
        model.addAttribute("uscc", "");
        return "portal/application-status";
    }

    @PostMapping(PortalPaths.APPLICATION_STATUS)
    String lookUp(@RequestParam(name = "number", required = false) String number,
            @RequestParam(name = "uscc", required = false) String uscc, Model model, HttpServletRequest request) {
        String typedNumber = number == null ? "" : number.strip();
        model.addAttribute("number", typedNumber);
        model.addAttribute("uscc", uscc == null ? "" : uscc.strip());
        UsccInput usccInput = UsccInput.of(uscc);
        if (typedNumber.isEmpty()) {
            model.addAttribute("numberError", "lookup.number.missing");
        }
        usccInput.problem().ifPresent(problem -> model.addAttribute("usccError", problem));
        if (typedNumber.isEmpty() || usccInput.problem().isPresent()) {
            return "portal/application-status";
        }
        if (!limits.admit(request.getRemoteAddr())) {
            model.addAttribute("limited", true);
            return "portal/application-status";
        }
        Optional<Application> found = applications.lookUp(typedNumber, usccInput.uscc().orElseThrow());
        if (found.isEmpty()) {
            model.addAttribute("notFound", true);
            return "portal/application-status";
        }
        model.addAttribute("found", found.get());
        return "portal/application-status";
    }
}
