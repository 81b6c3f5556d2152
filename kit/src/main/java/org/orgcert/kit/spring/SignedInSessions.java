package org.orgcert.kit.spring;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The platform's web sessions signed in through OrgCert, each with the sign-in it came from (the ID token's
 * {@code sid} and {@code sub}), so that a back-channel logout token naming that sign-in ends them
 * ({@link OrgCertSignIn#backChannelLogout()}). Kept in memory, like the sessions themselves (one instance of the
 * platform, or sticky sessions); a session that ends otherwise (sign-out, timeout) leaves at once: the starter
 * declares this as a bean, and Spring Boot registers it as the container's {@link HttpSessionListener}.
 */
public final class SignedInSessions implements HttpSessionListener {
    private record SignIn(String sid, String sub) {
    }

    private final Map<HttpSession, SignIn> sessions = new ConcurrentHashMap<>();

    /** {@code session} now belongs to {@code user}'s sign-in. */
    public void signedIn(OidcUser user, HttpSession session) {
        sessions.put(session, new SignIn(user.getIdToken().getClaimAsString("sid"), user.getSubject()));
    }

    /**
     * Ends the sessions of the sign-in {@code sid} (with a {@code sub}, only that employer's), or with no
     * {@code sid} every session of employer {@code sub}; answers how many.
     */
    public int end(String sid, String sub) {
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

    /** How many sessions are signed in through OrgCert now. */
    public int size() {
        return sessions.size();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession());
    }
}
