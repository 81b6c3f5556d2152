package org.orgcert.kit;

/**
 * Where issued challenges wait for their answer. A platform with one process uses
 * {@link InMemoryNonceStore}; one with several puts them in its database or cache, with {@link #use} as one
 * atomic step (e.g. {@code UPDATE ... SET used = true WHERE nonce = ? AND NOT used}), so that of two
 * answers with one nonce exactly one is accepted.
 */
public interface NonceStore {
    /** How a nonce stood when an answer named it. */
    enum State {
        /** Issued and not used before: this answer may proceed. */
        FRESH,
        /** Issued, and an answer already used it: a replay. */
        USED,
        /** Never issued here, or forgotten after its lifetime or to make room. */
        UNKNOWN
    }

    /**
     * The result of {@link #use}.
     *
     * @param state     how the nonce stood
     * @param challenge the issued challenge for FRESH and USED; null for UNKNOWN
     */
    record Use(State state, Challenge challenge) {
    }

    /** Keeps an issued challenge until it is used or older than {@link ChallengeVerifier#LIFETIME}. */
    void remember(Challenge challenge);

    /** Marks the challenge with this nonce used, atomically, and says how it stood before. */
    Use use(String nonce);
}
