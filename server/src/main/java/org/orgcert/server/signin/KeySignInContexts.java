package org.orgcert.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.stereotype.Component;

/**
 * The key sign-in in the web session (attribute {@link SignInSecurityConfiguration#KEY_SIGNIN_CONTEXT}), believed only
 * while the sign-in has not ended: once the key was removed or the certificate revoked, the session holds nobody and
 * the next authorization request asks for the key again.
 */
@Component
class KeySignInContexts implements SecurityContextRepository {
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final KeySignIns signIns;

    KeySignInContexts(KeySignIns signIns) {
        this.signIns = signIns;
        sessions.setSpringSecurityContextKey(SignInSecurityConfiguration.KEY_SIGNIN_CONTEXT);
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return stillSignedIn(sessions.loadContext(holder));
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        DeferredSecurityContext stored = sessions.loadDeferredContext(request);
        return new DeferredSecurityContext() {
            private SecurityContext checked;

            @Override
            public SecurityContext get() {
                if (checked == null) {
                    checked = stillSignedIn(stored.get());
                }
                return checked;
            }

            @Override
            public boolean isGenerated() {
                return stored.isGenerated() || get() != stored.get();
            }
        };
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }

    private SecurityContext stillSignedIn(SecurityContext context) {
        if (context.getAuthentication() instanceof KeySignInAuthentication key
                && signIns.findActive(key.signIn().id()).isPresent()) {
            return context;
        }
        return SecurityContextHolder.createEmptyContext();
    }
}
