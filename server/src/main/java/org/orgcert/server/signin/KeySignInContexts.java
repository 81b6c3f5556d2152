package org.orgcert.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.stereotype.Component;

/**
 * The key sign-in in the web session (attribute {@link SignInSecurityConfiguration#KEY_SIGNIN_CONTEXT}), believed only
 * while the sign-in has not ended, its certificate is valid and it has not yet authorized its platform, and only for
 * the platform it was made for: otherwise the session holds nobody and the authorization request asks for the key
 * again. So every code a platform gets stands for one confirmation in the assistant: an employer who signed out at
 * the platform, or someone after them at the same computer, is asked for the key again.
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
                    checked = forThisPlatform(stillSignedIn(stored.get()), request.getParameter("client_id"));
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

    /**
     * A sign-in with the key is for the one platform the employer confirmed in the assistant: another platform's
     * authorization request finds nobody signed in, and the key is asked again, naming that platform.
     */
    private static SecurityContext forThisPlatform(SecurityContext context, String clientId) {
        if (clientId != null && context.getAuthentication() instanceof KeySignInAuthentication key
                && !clientId.equals(key.signIn().platform())) {
            return SecurityContextHolder.createEmptyContext();
        }
        return context;
    }

    private SecurityContext stillSignedIn(SecurityContext context) {
        if (context.getAuthentication() instanceof KeySignInAuthentication key
                && signIns.findUnused(key.signIn().id()).isPresent()) {
            return context;
        }
        return SecurityContextHolder.createEmptyContext();
    }
}
