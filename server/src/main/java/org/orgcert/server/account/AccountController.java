package org.orgcert.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing in and who is signed in: {@code GET /api/v1/me}, {@code GET /api/v1/csrf} (sets the
 * {@code XSRF-TOKEN} cookie a session client echoes in {@code X-XSRF-TOKEN}), and the employer agents'
 * one-time-code sign-in {@code POST /api/v1/employer-login/code} then {@code POST /api/v1/employer-login},
 * which opens a database session.
 */
@RestController
class AccountController {
    private final EmployerLogin employerLogin;
    private final EmployerSessions sessions;

    AccountController(EmployerLogin employerLogin, EmployerSessions sessions) {
        this.employerLogin = employerLogin;
        this.sessions = sessions;
    }

    record CodeRequest(String mobile) {
    }

    record SignInRequest(String mobile, String code) {
    }

    @GetMapping("/api/v1/me")
    Map<String, Object> me(Actor actor) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("actor", actor.auditName());
        if (actor instanceof Actor.Staff staff) {
            me.put("role", staff.role());
            me.put("windowId", staff.windowId());
        } else if (actor instanceof Actor.EmployerAgent agent) {
            me.put("role", "EMPLOYER_AGENT");
            me.put("employerIds", agent.employerIds());
            me.put("usccs", agent.usccs());
        }
        return me;
    }

    @GetMapping("/api/v1/csrf")
    Map<String, String> csrf(CsrfToken token) {
        return Map.of("headerName", token.getHeaderName(), "parameterName", token.getParameterName(),
                "token", token.getToken());
    }

    @PostMapping("/api/v1/employer-login/code")
    ResponseEntity<Map<String, Object>> sendCode(@RequestBody CodeRequest request, HttpServletRequest http) {
        // The client's address: the socket's, or the visitor's from a configured proxy (TrustedProxies).
        employerLogin.sendCode(mobile(request.mobile()), http.getRemoteAddr(), EmployerSessions.signedInCookie(http));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("sent", true, "validMinutes",
                EmployerLogin.VALIDITY.toMinutes(), "message",
                "if this number belongs to an employer's legal representative or contact, a code is on its way"
                        + " (or the one sent in the last " + EmployerLogin.VALIDITY.toMinutes() + " minutes still works)"));
    }

    @PostMapping("/api/v1/employer-login")
    Map<String, Object> signIn(@RequestBody SignInRequest request, HttpServletRequest http,
            HttpServletResponse response) {
        EmployerLogin.Outcome outcome = employerLogin.signIn(mobile(request.mobile()), request.code());
        if (outcome instanceof EmployerLogin.Outcome.Refused refused) {
            throw refused.code().refuse(refused.detail());
        }
        EmployerLogin.Outcome.SignedIn signedIn = (EmployerLogin.Outcome.SignedIn) outcome;
        sessions.open(signedIn, http, response);
        List<Map<String, Object>> employers = signedIn.employers().stream()
                .map(e -> Map.<String, Object>of("id", e.id(), "uscc", e.uscc().value(), "name", e.name())).toList();
        return Map.of("actor", signedIn.agent().auditName(), "employers", employers);
    }

    private static MobileNumber mobile(String input) {
        try {
            return MobileNumber.parse(input);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields("the mobile number is not valid", Map.of("mobile", e.getMessage()));
        }
    }
}
