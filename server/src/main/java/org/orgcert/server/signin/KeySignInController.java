package org.orgcert.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.orgcert.server.domain.Refusal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The employer's sign-in page for a relying platform ({@code /signin/key}) and its two calls: a challenge for the
 * certificate on the key, and the signed answer. The page talks to the employer's assistant on 127.0.0.1; the PIN is
 * typed there, never here.
 */
@Controller
class KeySignInController {
    private final SignInChallenges challenges;
    private final KeySignInVerifier verifier;
    private final SignInClients clients;
    private final KeySignInContexts contexts;
    private final ProviderOrigins origins;

    KeySignInController(SignInChallenges challenges, KeySignInVerifier verifier, SignInClients clients,
            KeySignInContexts contexts, ProviderOrigins origins) {
        this.origins = origins;
        this.challenges = challenges;
        this.verifier = verifier;
        this.clients = clients;
        this.contexts = contexts;
    }

    /**
     * What the page posts for a challenge: the certificate the assistant reported (base64 DER) and the platform the
     * page showed the employer (so that a request swapped in meanwhile by another tab is not signed for under the
     * first one's name).
     */
    record ChallengeRequest(String certificate, String platform) {
    }

    /** What the page posts after the assistant signed. */
    record Answer(String nonce, String signed, String signature, String certificate) {
    }

    @GetMapping("/signin/key")
    String page(HttpServletRequest request, Model model) {
        RegisteredClient platform = pendingPlatform(request);
        model.addAttribute("platform", platform == null ? null : platform.getClientName());
        model.addAttribute("clientId", platform == null ? null : platform.getClientId());
        return "signin/key";
    }

    @PostMapping(path = "/signin/key/challenge", consumes = "application/json", produces = "application/json")
    @ResponseBody
    Map<String, String> challenge(@RequestBody ChallengeRequest body, HttpServletRequest request) {
        RegisteredClient platform = pendingPlatform(request);
        if (platform == null) {
            throw new Refusal(SignInRefusal.UNKNOWN_PLATFORM, "no platform asked for a sign-in: start at the platform");
        }
        if (!platform.getClientId().equals(body.platform())) {
            throw new Refusal(SignInRefusal.OTHER_ORIGIN, "another platform's sign-in started in this browser meanwhile:"
                    + " start again at the platform");
        }
        byte[] certificate = base64(body.certificate(), KeySignInAnswer.MAX_CERTIFICATE);
        SignInChallenge challenge = challenges.issue(platform.getClientId(), pageOrigin(request),
                SignInChallenge.fingerprint(certificate));
        return Map.of("challenge", challenge.text(), "nonce", challenge.nonce(), "platform", platform.getClientId(),
                "platformName", platform.getClientName());
    }

    @PostMapping(path = "/signin/key", consumes = "application/json", produces = "application/json")
    @ResponseBody
    Map<String, String> signIn(@RequestBody Answer body, HttpServletRequest request, HttpServletResponse response) {
        RegisteredClient platform = pendingPlatform(request);
        SavedRequest saved = SignInSecurityConfiguration.savedRequests().getRequest(request, response);
        if (platform == null || saved == null) {
            throw new Refusal(SignInRefusal.UNKNOWN_PLATFORM, "no platform asked for a sign-in: start at the platform");
        }
        if (body.nonce() == null || body.signed() == null || body.signed().length() > KeySignInAnswer.MAX_SIGNED) {
            throw new Refusal(SignInRefusal.MALFORMED_ANSWER, "the answer needs nonce, signed, signature, certificate");
        }
        KeySignInAnswer answer = new KeySignInAnswer(body.nonce(), body.signed().getBytes(StandardCharsets.UTF_8),
                base64(body.signature(), KeySignInAnswer.MAX_SIGNATURE), base64(body.certificate(), KeySignInAnswer.MAX_CERTIFICATE));
        // Not refused here: the verifier refuses another origin (null) like any bad answer, audited, challenge spent.
        String origin = request.getHeader("Origin");
        KeySignIn signIn = verifier.verify(platform.getClientId(), origins.isOurs(origin, request) ? origin : null, answer);
        // A new session id at sign-in, so that an id planted before it (session fixation) signs nobody in.
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new KeySignInAuthentication(signIn));
        contexts.saveContext(context, request, response);
        return Map.of("redirect", saved.getRedirectUrl());
    }

    /** The platform whose authorization request waits for this sign-in, if any and still registered. */
    private RegisteredClient pendingPlatform(HttpServletRequest request) {
        var session = request.getSession(false);
        Object saved = session == null ? null : session.getAttribute(SignInSecurityConfiguration.SAVED_REQUEST);
        if (!(saved instanceof SavedRequest savedRequest)) {
            return null;
        }
        String[] clientId = savedRequest.getParameterValues("client_id");
        return clientId == null || clientId.length != 1 ? null : clients.findByClientId(clientId[0]);
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
