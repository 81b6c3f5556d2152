package org.orgcert.server.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Who is signed in to the provider with the key, in this browser: a cookie of its own ({@link #COOKIE}) holding a
 * random secret whose SHA-256 the sign-in's row keeps ({@code key_signin.browser_hash}), given only when a confirmation
 * page comes next — no web session, so a sign-in writes no session row at each step, and a staff or agent session of
 * the portal never counts here. The sign-in is
 * believed only while it has not ended, its certificate is valid, it has not yet authorized its platform and is at
 * most {@link KeySignIns#USABLE_FOR} old, and only for the platform it was made for: otherwise nobody is signed in and
 * the authorization request asks for the key again. So every code a platform gets stands for one confirmation in the
 * assistant: an employer who signed out at the platform, or someone after them at the same computer, is asked again.
 */
@Component
class KeySignInContexts implements SecurityContextRepository {
    static final String COOKIE = "ORGCERT_KEY_SIGNIN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeySignIns signIns;

    KeySignInContexts(KeySignIns signIns) {
        this.signIns = signIns;
    }

    /** A new browser secret for a sign-in about to be recorded: its value for the cookie and its hash for the row. */
    record BrowserSecret(String value, byte[] hash) {
        static BrowserSecret create() {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            return new BrowserSecret(value, KeySignInContexts.hash(value));
        }
    }

    /**
     * Gives the browser its sign-in cookie, for the confirmation page of a platform that asks for one and the
     * authorization endpoint after it: sent back on those same-site, top-level requests, never readable by a script,
     * and gone with the browser (no expiry: the 10 minutes are counted here, from the row).
     */
    void remember(BrowserSecret secret, HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, secret.value()).path(path(request))
                .httpOnly(true).secure(request.isSecure()).sameSite("Lax").build().toString());
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest());
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext loaded;

            @Override
            public SecurityContext get() {
                if (loaded == null) {
                    loaded = load(request);
                }
                return loaded;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    /** Nothing to save: the sign-in's row is the context, written when the key's answer is recorded. */
    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return secretOf(request) != null;
    }

    private SecurityContext load(HttpServletRequest request) {
        String secret = secretOf(request);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        if (secret != null) {
            signIns.findUnused(hash(secret))
                    .filter(signIn -> forThisPlatform(signIn, request.getParameter("client_id")))
                    .ifPresent(signIn -> context.setAuthentication(new KeySignInAuthentication(signIn)));
        }
        return context;
    }

    /**
     * A sign-in with the key is for the one platform the employer confirmed in the assistant: another platform's
     * authorization request finds nobody signed in, and the key is asked again, naming that platform.
     */
    private static boolean forThisPlatform(KeySignIn signIn, String clientId) {
        return clientId == null || clientId.equals(signIn.platform());
    }

    private static String secretOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static String path(HttpServletRequest request) {
        String context = request.getContextPath();
        return context.isEmpty() ? "/" : context;
    }

    private static byte[] hash(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
