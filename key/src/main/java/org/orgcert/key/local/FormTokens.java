package org.orgcert.key.local;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The own page's anti-CSRF tokens: each page shown gets a new random token, bound to that page (the status page,
 * or one request's confirm page), which its forms send back. A form is taken once per token, only for the page
 * it was issued for and for {@link #LIFETIME}; at most {@value #MAX} are kept (the oldest go first). With the
 * Origin check this keeps another site, or another page of this assistant, from submitting the employer's forms.
 */
final class FormTokens {
    static final int MAX = 64;
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(String page, Instant until) {
    }

    private final Map<String, Issued> tokens = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
            return size() > MAX;
        }
    };

    /** A new token for {@code page}. */
    synchronized String issue(String page, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Issued(page, now.plus(LIFETIME)));
        return token;
    }

    /** Whether {@code token} was issued for {@code page} and is still good; it is used up either way. */
    synchronized boolean consume(String token, String page, Instant now) {
        Issued issued = token == null ? null : tokens.remove(token);
        return issued != null && issued.page().equals(page) && now.isBefore(issued.until());
    }
}
