package org.orgcert.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Map;
import org.orgcert.server.domain.Refusal;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The employer's sign-in page for a relying platform ({@code /signin/key}) and its two calls: a challenge for the
 * certificate on the key, and the signed answer, whose reply says where the browser goes next (the platform with its
 * code, or the confirmation page). The page talks to the employer's assistant on 127.0.0.1; the PIN is typed there,
 * never here.
 */
@Controller
class KeySignInController {
    private final SignInChallenges challenges;
    private final KeySignInVerifier verifier;
    private final SignInClients clients;
    private final KeySignInContexts contexts;
    private final ProviderOrigins origins;
    private final AuthorizationAfterSignIn authorization;
    private final SignInEndings endings;

    KeySignInController(SignInChallenges challenges, KeySignInVerifier verifier, SignInClients clients,
            KeySignInContexts contexts, ProviderOrigins origins, AuthorizationAfterSignIn authorization,
            SignInEndings endings) {
        this.endings = endings;
        this.origins = origins;
        this.authorization = authorization;
        this.challenges = challenges;
        this.verifier = verifier;
        this.clients = clients;
        this.contexts = contexts;
    }

    /**
     * What the page posts for a challenge: the certificate the assistant reported (base64 DER) and the authorization
     * request the page was opened with (its query).
     */
    record ChallengeRequest(String certificate, String request) {
    }

    /** What the page posts after the assistant signed, with the authorization request the page was opened with. */
    record Answer(String nonce, String signed, String signature, String certificate, String request) {
    }

    /**
     * The sign-in page. It is opened by the authorization endpoint with the platform's authorization request as its
     * query, which it hands back with its calls: the way back to the endpoint, which checks the request again.
     */
    @GetMapping("/signin/key")
    String page(HttpServletRequest request, Model model) {
        RegisteredClient platform;
        try {
            platform = platformAsking(AuthorizationQuery.parse(request.getQueryString()));
        } catch (Refusal noRequest) {
            platform = null; // the page says to start at the platform
        }
        model.addAttribute("platform", platform == null ? null : platform.getClientName());
        model.addAttribute("request", platform == null ? null : request.getQueryString());
        return "signin/key";
    }

    @PostMapping(path = "/signin/key/challenge", consumes = "application/json", produces = "application/json")
    @ResponseBody
    Map<String, String> challenge(@RequestBody ChallengeRequest body, HttpServletRequest request) {
        RegisteredClient platform = platformAsking(AuthorizationQuery.parse(body.request()));
        byte[] certificate = base64(body.certificate(), KeySignInAnswer.MAX_CERTIFICATE);
        SignInChallenge challenge = challenges.issue(platform.getClientId(), pageOrigin(request),
                SignInChallenge.fingerprint(certificate));
        return Map.of("challenge", challenge.text(), "nonce", challenge.nonce(), "platform", platform.getClientId(),
                "platformName", platform.getClientName());
    }

    /**
     * The key's answer. Checked by the one door ({@link KeySignInVerifier}); then the platform's request goes to the
     * authorization endpoint in this same exchange. Only a platform that asks the employer to confirm needs the
     * browser to come back signed in, so only then does the browser get the sign-in's cookie; a request the endpoint
     * refuses ends the sign-in unused, audited ({@link SignInEndings#notAuthorized}).
     */
    @PostMapping(path = "/signin/key", consumes = "application/json", produces = "application/json")
    @ResponseBody
    Map<String, String> signIn(@RequestBody Answer body, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        AuthorizationQuery authorizationRequest = AuthorizationQuery.parse(body.request());
        RegisteredClient platform = platformAsking(authorizationRequest);
        if (body.nonce() == null || body.signed() == null || body.signed().length() > KeySignInAnswer.MAX_SIGNED) {
            throw new Refusal(SignInRefusal.MALFORMED_ANSWER, "the answer needs nonce, signed, signature, certificate");
        }
        KeySignInAnswer answer = new KeySignInAnswer(body.nonce(), body.signed().getBytes(StandardCharsets.UTF_8),
                base64(body.signature(), KeySignInAnswer.MAX_SIGNATURE), base64(body.certificate(), KeySignInAnswer.MAX_CERTIFICATE));
        // Not refused here: the verifier refuses another origin (null) like any bad answer, audited, challenge spent.
        String origin = request.getHeader("Origin");
        KeySignInContexts.BrowserSecret browser = KeySignInContexts.BrowserSecret.create();
        KeySignIn signIn = verifier.verify(platform.getClientId(), origins.isOurs(origin, request) ? origin : null, answer,
                browser.hash());
        AuthorizationAfterSignIn.Next next;
        try {
            next = authorization.next(new KeySignInAuthentication(signIn), authorizationRequest, request, response);
        } catch (Refusal refused) {
            endings.notAuthorized(signIn, refused.detail());
            throw refused;
        }
        switch (next.kind()) {
            case CONFIRMATION -> contexts.remember(browser, request, response);
            case ERROR -> endings.notAuthorized(signIn, "the authorization endpoint answered the platform with an error");
            case CODE -> { } // the sign-in has done its one authorization
        }
        return Map.of("redirect", next.location());
    }

    /** The registered, enabled platform whose authorization request {@code query} is. */
    private RegisteredClient platformAsking(AuthorizationQuery query) {
        String clientId = query.clientId();
        RegisteredClient platform = clientId == null ? null : clients.findByClientId(clientId);
        if (platform == null) {
            throw new Refusal(SignInRefusal.UNKNOWN_PLATFORM, "no platform asked for a sign-in: start at the platform");
        }
        return platform;
    }

    /**
     * The origin of the sign-in page as the browser sent it, which must be this provider's ({@link ProviderOrigins}):
     * the challenge names it, and the assistant signs only for the page it names.
     */
    private String pageOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (!origins.isOurs(origin, request)) {
            throw new Refusal(SignInRefusal.OTHER_ORIGIN, "the call did not come from this provider's sign-in page");
        }
        return origin;
    }

    private static byte[] base64(String text, int limit) {
        try {
            byte[] bytes = text == null ? null : Base64.getDecoder().decode(text);
            if (bytes == null || bytes.length == 0 || bytes.length > limit) {
                throw new IllegalArgumentException();
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new Refusal(SignInRefusal.MALFORMED_ANSWER, "a field is not base64 or too long");
        }
    }
}
