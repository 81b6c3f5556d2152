package org.orgcert.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.orgcert.server.employer.MobileNumber;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * An employer agent's sign-in for the portal's pages ({@code /my/login}): the same as
 * {@code POST /api/v1/employer-login} (code checked by {@link EmployerLogin}, new session id, security context
 * saved in the database session, fresh CSRF token), for a page that is not a JSON client.
 */
@Component
public class EmployerSessions {
    private final EmployerLogin login;
    private final CsrfTokenRepository csrfTokens;
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    private final java.time.Duration agentInactivity;

    EmployerSessions(EmployerLogin login, CsrfTokenRepository csrfTokens,
            @org.springframework.beans.factory.annotation.Value("${orgcert.account.agent-session-inactivity:30m}")
            java.time.Duration agentInactivity) {
        this.login = login;
        this.csrfTokens = csrfTokens;
        this.agentInactivity = agentInactivity;
    }

    /** The cookie that shows a browser signed in with a number before (see {@link EmployerLogin#sendCode}). */
    static final String SIGNED_IN_COOKIE = "orgcert-signed-in";
    private static final java.time.Duration SIGNED_IN_KEPT = java.time.Duration.ofDays(180);

    /**
     * Sends a code to {@code mobile} (see {@link EmployerLogin#sendCode}), counted against the client's address
     * unless the browser signed in with the number before.
     */
    public void sendCode(MobileNumber mobile, HttpServletRequest http) {
        login.sendCode(mobile, http.getRemoteAddr(), signedInCookie(http));
    }

    /** The browser's signed-in cookie, or null. */
    static String signedInCookie(HttpServletRequest http) {
        jakarta.servlet.http.Cookie[] cookies = http.getCookies();
        if (cookies != null) {
            for (jakarta.servlet.http.Cookie cookie : cookies) {
                if (SIGNED_IN_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /**
     * Checks the code and, when right, signs the browser in as the agent.
     *
     * @return empty when signed in, else the refusal's type ({@code code-invalid}, {@code code-expired},
     *         {@code code-attempts-exhausted}) for the page to explain in the visitor's language
     */
    public Optional<String> signIn(MobileNumber mobile, String code, HttpServletRequest http,
            HttpServletResponse response) {
        EmployerLogin.Outcome outcome = login.signIn(mobile, code);
        if (outcome instanceof EmployerLogin.Outcome.Refused refused) {
            return Optional.of(refused.code().type());
        }
        open((EmployerLogin.Outcome.SignedIn) outcome, http, response);
        return Optional.empty();
    }

    /**
     * The session of an agent who signed in, for the page and the JSON sign-in alike: a new session id (no
     * fixation), the security context in it, half an hour of inactivity before it ends, a fresh CSRF token.
     */
    void open(EmployerLogin.Outcome.SignedIn signedIn, HttpServletRequest http, HttpServletResponse response) {
        if (http.getSession(false) != null) {
            http.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ActorAuthentication(signedIn.agent()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, http, response);
        // An agent's session ends after half an hour without a request (issue 14), not after the 8 hours staff
        // sessions keep (spring.session.timeout): Spring Session stores it as the row's max_inactive_interval.
        http.getSession().setMaxInactiveInterval((int) agentInactivity.toSeconds());
        csrfTokens.saveToken(csrfTokens.generateToken(http), http, response);
        // Next time this browser asks for a code for the number, it has proved itself (EmployerLogin.sendCode).
        response.addHeader(org.springframework.http.HttpHeaders.SET_COOKIE, org.springframework.http.ResponseCookie
                .from(SIGNED_IN_COOKIE, login.signedInProof(signedIn.mobile())).path("/").maxAge(SIGNED_IN_KEPT)
                .httpOnly(true).secure(http.isSecure()).sameSite("Lax").build().toString());
    }
}
