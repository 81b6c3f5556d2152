package org.orgcert.examples.kmzhjy;

import org.orgcert.kit.spring.EmployerPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The platform's two pages: the home page with "数字证书登录", and who signed in. */
@Controller
class Pages {

    @GetMapping("/")
    String home(@AuthenticationPrincipal EmployerPrincipal employer, Model model) {
        model.addAttribute("employer", employer == null ? null : SignedInEmployer.of(employer));
        return "kmzhjy/home";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal EmployerPrincipal employer, Model model) {
        model.addAttribute("employer", SignedInEmployer.of(employer));
        return "kmzhjy/account";
    }
}
