package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.orgcert.server.account.EmployerSessions;
import org.orgcert.server.demo.DemoSms;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /my/login}: an employer's agent signs in with their mobile number and the one-time code sent to it
 * (through {@link EmployerSessions}, the same checks as the JSON sign-in). Two plain forms: the number, then
 * the code; refusals are shown next to the field in the visitor's language. In the demo, the "sent" SMS is shown
 * on the page ({@link DemoSms}).
 */
@Controller
class MyLoginPage {
    private final EmployerSessions sessions;
    private final ObjectProvider<DemoSms> demoSms;

    MyLoginPage(EmployerSessions sessions, ObjectProvider<DemoSms> demoSms) {
        this.sessions = sessions;
        this.demoSms = demoSms;
    }

    @GetMapping(PortalPaths.MY_LOGIN)
    String form(Model model) {
        model.addAttribute("mobile", "");
        return "portal/my/login";
    }

    @PostMapping(PortalPaths.MY_LOGIN_CODE)
    String sendCode(@RequestParam(name = "mobile", required = false) String input, Model model,
            HttpServletRequest request) {
        model.addAttribute("mobile", input == null ? "" : input.strip());
        Optional<MobileNumber> mobile = mobile(input);
        if (mobile.isEmpty()) {
            model.addAttribute("mobileError", "my.login.mobile.invalid");
            return "portal/my/login";
        }
        try {
            sessions.sendCode(mobile.get(), request);
        } catch (Refusal problem) {
            // Rate limits (one code a minute, ten a day): said next to the number.
            model.addAttribute("mobileError", "my.login.mobile.rateLimited");
            return "portal/my/login";
        }
        model.addAttribute("codeSent", true);
        // The demo's numbers get no real SMS: the page shows what was "sent".
        demoSms.ifAvailable(phone -> phone.latestTextTo(mobile.get().value())
                .ifPresent(text -> model.addAttribute("demoSms", text)));
        return "portal/my/login";
    }

    @PostMapping(PortalPaths.MY_LOGIN)
    String signIn(@RequestParam(name = "mobile", required = false) String input,
            @RequestParam(name = "code", required = false) String code, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("mobile", input == null ? "" : input.strip());
        model.addAttribute("codeSent", true);
        Optional<MobileNumber> mobile = mobile(input);
        if (mobile.isEmpty()) {
            model.addAttribute("mobileError", "my.login.mobile.invalid");
            return "portal/my/login";
        }
        Optional<String> refused = sessions.signIn(mobile.get(), code == null ? "" : code.strip(), request, response);
        if (refused.isPresent()) {
            model.addAttribute("codeError", "my.login.code." + refused.get());
            return "portal/my/login";
        }
        return "redirect:" + PortalPaths.MY;
    }

    private static Optional<MobileNumber> mobile(String input) {
        try {
            return Optional.of(MobileNumber.parse(input == null ? "" : input.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
