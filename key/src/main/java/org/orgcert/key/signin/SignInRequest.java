package org.orgcert.key.signin;

import java.time.Duration;
import java.time.Instant;

/**
 * One request of a platform's page to sign in with the key, waiting for the employer on the assistant's page.
 * Its state only moves forward: PENDING, then SIGNED, REFUSED or (after {@link #LIFETIME}) EXPIRED.
 */
public final class SignInRequest {
    /** How long the employer has to confirm. */
    public static final Duration LIFETIME = Duration.ofMinutes(2);

    private final String id;
    private final String origin;
    private final String platformName;
    private final Challenge challenge;
    private final Instant createdAt;
    private SignInState state = SignInState.PENDING;
    private SignedSignIn result;

    SignInRequest(String id, String origin, String platformName, Challenge challenge, Instant createdAt) {
        this.id = id;
        this.origin = origin;
        this.platformName = platformName;
        this.challenge = challenge;
        this.createdAt = createdAt;
    }

    /** The random id in the confirm URL and the result URL. */
    public String id() {
        return id;
    }

    /** The Origin of the page that made it, equal to the challenge's origin line. */
    public String origin() {
        return origin;
    }

    /** The platform's name as its page gave it. */
    public String platformName() {
        return platformName;
    }

    /** The challenge. */
    public Challenge challenge() {
        return challenge;
    }

    /** When it was made. */
    public Instant createdAt() {
        return createdAt;
    }

    /** When it expires unless confirmed. */
    public Instant expiresAt() {
        return createdAt.plus(LIFETIME);
    }

    /** The state at {@code now} (a pending request past its lifetime becomes EXPIRED). */
    public synchronized SignInState stateAt(Instant now) {
        if (state == SignInState.PENDING && !now.isBefore(expiresAt())) {
            state = SignInState.EXPIRED;
        }
        return state;
    }

    /** The signature, once SIGNED. */
    public synchronized SignedSignIn result() {
        return result;
    }

    synchronized void signed(SignedSignIn signed) {
        state = SignInState.SIGNED;
        result = signed;
    }

    /** @throws SignInException NOT_PENDING when it is no longer pending */
    synchronized void refuse(Instant now) {
        requirePending(now);
        state = SignInState.REFUSED;
    }

    /** @throws SignInException NOT_PENDING when it is no longer pending */
    synchronized void requirePending(Instant now) {
        SignInState current = stateAt(now);
        if (current != SignInState.PENDING) {
            throw new SignInException(SignInException.Reason.NOT_PENDING, "This sign-in request is " + current + ".");
        }
    }

    @Override
    public String toString() {
        return "SignInRequest[" + id + ", " + origin + "]";
    }
}
