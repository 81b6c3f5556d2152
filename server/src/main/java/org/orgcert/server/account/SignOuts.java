package org.orgcert.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Records a sign-out in the audit log (its own transaction), as sign-ins are: who ended their session. */
@Component
class SignOuts {
    private final AuditLog audit;

    SignOuts(AuditLog audit) {
        this.audit = audit;
    }

    void record(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            String kind = actor instanceof Actor.Staff ? "staff" : "employer-agent";
            audit.record(new AuditEntry(actor.auditName(), kind + ".signed-out", "session", "", "signed out"));
        }
    }
}
