package org.orgcert.key.signin;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in requests the assistant knows, in memory and bounded: at most {@value #MAX_PENDING} pending at once
 * (a page cannot flood the employer with prompts), at most {@value #MAX_KEPT} kept, each forgotten
 * {@link #KEPT_FOR} after it was made (long enough for the page to read a result or see EXPIRED).
 */
final class SignInRequests {
    static final int MAX_PENDING = 3;
    static final int MAX_KEPT = 16;
    static final Duration KEPT_FOR = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SignInRequest> requests = new LinkedHashMap<>();

    /** @throws SignInException TOO_MANY_PENDING */
    synchronized SignInRequest add(String origin, String platformName, Challenge challenge, Instant now) {
        forgetOld(now);
        long pending = requests.values().stream().filter(r -> r.stateAt(now) == SignInState.PENDING).count();
        if (pending >= MAX_PENDING) {
            throw new SignInException(SignInException.Reason.TOO_MANY_PENDING, MAX_PENDING + " sign-in requests wait"
                    + " for the employer already; let them be confirmed, refused or expire.");
        }
        // finished requests make room, oldest first; pending ones are never dropped (at most MAX_PENDING)
        for (Iterator<SignInRequest> it = requests.values().iterator(); requests.size() >= MAX_KEPT && it.hasNext(); ) {
            if (it.next().stateAt(now) != SignInState.PENDING) {
                it.remove();
            }
        }
        SignInRequest request = new SignInRequest(newId(), origin, platformName, challenge, now);
        requests.put(request.id(), request);
        return request;
    }

    synchronized Optional<SignInRequest> find(String id, Instant now) {
        forgetOld(now);
        return Optional.ofNullable(requests.get(id));
    }

    private void forgetOld(Instant now) {
        requests.values().removeIf(r -> !now.isBefore(r.createdAt().plus(KEPT_FOR)));
    }

    /** 16 random bytes, base64url: unguessable, so only the page that made a request knows its URLs. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
