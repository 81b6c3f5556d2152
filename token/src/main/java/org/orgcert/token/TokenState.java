package org.orgcert.token;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where a token is in its life.
 *
 * <p>Transitions of the life cycle ({@link #after(Event)}); anything not listed is refused (a test checks
 * this table against the code):
 * <pre>
 *   EMPTY          --KEY_GENERATED--------&gt; KEY_GENERATED
 *   KEY_GENERATED  --KEY_GENERATED--------&gt; KEY_GENERATED   (a new key replaces the old one)
 *   KEY_GENERATED  --CERTIFICATE_IMPORTED-&gt; PERSONALISED
 *   PERSONALISED   --CERTIFICATE_IMPORTED-&gt; PERSONALISED    (renewal for the same key)
 *   PERSONALISED   --KEY_GENERATED--------&gt; KEY_GENERATED   (new key: the old certificate is dropped)
 * </pre>
 *
 * <p>{@link #LOCKED} is not reached through this table and is never stored: it is how
 * {@link Token#info()} reports a token whose PIN retry counter is at zero, over whichever of the three states
 * above the token is in. Locking (the last wrong PIN) and unblocking change only the counter kept by the PIN
 * guard; the life-cycle state and the key and certificate stay as they were, so after an unblock
 * {@code info()} shows that state again. {@code LOCKED.after(event)} refuses every event with LOCKED.
 */
public enum TokenState {
    /** Initialised with a PIN, no key yet. */
    EMPTY,
    /** A key pair was generated on the token; no certificate yet (a CSR can be made). */
    KEY_GENERATED,
    /** Key pair and a certificate for it: ready to sign. */
    PERSONALISED,
    /** Too many wrong PINs: PIN operations are refused until unblocked (R-CERT-2, R-FEE-1 d). */
    LOCKED;

    /** What happens to a token. */
    public enum Event {
        /** A key pair was generated on the token. */
        KEY_GENERATED,
        /** A certificate for the token's key was imported. */
        CERTIFICATE_IMPORTED
    }

    private static final Map<TokenState, Map<Event, TokenState>> TABLE = new EnumMap<>(TokenState.class);

    static {
        TABLE.put(EMPTY, Map.of(Event.KEY_GENERATED, KEY_GENERATED));
        TABLE.put(KEY_GENERATED, Map.of(Event.KEY_GENERATED, KEY_GENERATED,
                Event.CERTIFICATE_IMPORTED, PERSONALISED));
        TABLE.put(PERSONALISED, Map.of(Event.KEY_GENERATED, KEY_GENERATED,
                Event.CERTIFICATE_IMPORTED, PERSONALISED));
        TABLE.put(LOCKED, Map.of());
    }

    /**
     * The state after {@code event}.
     *
     * @throws TokenException LOCKED from {@link #LOCKED}, NO_KEY for a certificate on an empty token
     */
    public TokenState after(Event event) {
        TokenState next = TABLE.get(this).get(event);
        if (next == null) {
            throw this == LOCKED
                    ? new TokenException(TokenException.Kind.LOCKED, "The token is locked.")
                    : new TokenException(TokenException.Kind.NO_KEY,
                            "The token has no key pair yet; generate one first.");
        }
        return next;
    }
}
