package org.orgcert.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where the employer confirms which of its data goes to a platform that registered "the employer confirms"
 * ({@code /signin/consent}, Spring Authorization Server's consent page, in Chinese). The form posts back to the
 * authorization endpoint with the scopes ticked; {@code openid} always goes (no sign-in without it).
 */
@Controller
class ConsentPage {
    /** What each scope hands over, in the employer's words. */
    static final Map<String, String> SCOPE_TEXTS = Map.of(
            SignInClaims.EMPLOYER_SCOPE, "单位名称和统一社会信用代码",
            SignInClaims.CERTIFICATE_SCOPE, "数字证书的序列号和有效期");

    private final SignInClients clients;
    private final KeySignInContexts contexts;

    ConsentPage(SignInClients clients, KeySignInContexts contexts) {
        this.clients = clients;
        this.contexts = contexts;
    }

    /** One scope offered for confirmation. */
    record Offered(String scope, String text) {
    }

    @GetMapping("/signin/consent")
    String consent(@RequestParam(name = "client_id") String clientId, @RequestParam(name = "scope") String scope,
            @RequestParam(name = "state") String state, HttpServletRequest request, Model model) {
        RegisteredClient platform = clients.findByClientId(clientId);
        SecurityContext context = contexts.loadDeferredContext(request).get();
        if (platform == null || !(context.getAuthentication() instanceof KeySignInAuthentication key)) {
            return "redirect:/signin/key";
        }
        List<Offered> offered = Arrays.stream(scope.split(" ")).filter(SCOPE_TEXTS::containsKey)
                .map(s -> new Offered(s, SCOPE_TEXTS.get(s))).toList();
        model.addAttribute("platform", platform.getClientName());
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("employer", key.signIn().employerName());
        model.addAttribute("offered", offered);
        return "signin/consent";
    }
}
