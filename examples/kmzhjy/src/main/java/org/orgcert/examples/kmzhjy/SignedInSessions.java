package org.orgcert.examples.kmzhjy;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * This platform's sessions with the OrgCert sign-in each came from (the ID token's {@code sid} and {@code sub}), so
 * that a logout token naming that sign-in ends them. Kept in memory, like the sessions themselves; a session that
 * ends otherwise (sign-out, timeout) leaves at once.
 */
@Component
class SignedInSessions implements HttpSessionListener {
    private record SignIn(String sid, String sub) {
    }

    private final Map<HttpSession, SignIn> sessions = new ConcurrentHashMap<>();

    /** {@code session} now belongs to {@code user}'s sign-in. */
    void signedIn(OidcUser user, HttpSession session) {
        sessions.put(session, new SignIn(user.getIdToken().getClaimAsString("sid"), user.getSubject()));
    }

    /**
     * Ends the sessions of the sign-in {@code sid} (with a {@code sub}, only that employer's), or with no {@code sid}
     * every session of employer {@code sub}; answers how many.
     */
    int end(String sid, String sub) {
        int ended = 0;
        for (Map.Entry<HttpSession, SignIn> entry : sessions.entrySet()) {
            SignIn signIn = entry.getValue();
            boolean named = sid != null ? sid.equals(signIn.sid()) && (sub == null || sub.equals(signIn.sub()))
                    : sub != null && sub.equals(signIn.sub());
            if (named && sessions.remove(entry.getKey()) != null) {
                try {
                    entry.getKey().invalidate();
                    ended++;
                } catch (IllegalStateException alreadyOver) {
                    // ended meanwhile by itself
                }
            }
        }
        return ended;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession());
    }
}
