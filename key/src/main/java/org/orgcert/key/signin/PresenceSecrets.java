package org.orgcert.key.signin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The presence secrets of the sign-ins approved since the key was plugged in, until the key goes away and the
 * provider is told. Bounded: past {@value #MAX} the oldest is dropped (its session then ends only by its own
 * expiry), so a long day of sign-ins cannot grow memory without end.
 */
final class PresenceSecrets {
    static final int MAX = 1000;
    private final Deque<PresenceSecret> secrets = new ArrayDeque<>();

    synchronized void add(PresenceSecret secret) {
        if (secrets.size() >= MAX) {
            secrets.removeFirst().wipe();
        }
        secrets.addLast(secret);
    }

    /** Hands every secret over (the caller wipes them) and keeps none. */
    synchronized List<PresenceSecret> drain() {
        List<PresenceSecret> all = new ArrayList<>(secrets);
        secrets.clear();
        return all;
    }

    synchronized int size() {
        return secrets.size();
    }
}
