package org.orgcert.key.signin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.service.ServiceException;

/**
 * Tells the provider that the key was removed: one {@code POST /api/v1/signin/key-removed} per presence secret,
 * in up to {@value #ROUNDS} rounds (pausing {@code firstPause}, then twice as long each time) for those the
 * provider did not take because it could not be reached or failed; then every secret is wiped and forgotten.
 * A refusal (4xx) is not retried: the provider knows no such session. The log gets counts, never a secret.
 */
public final class KeyRemovedNotifier implements Consumer<List<PresenceSecret>> {
    static final int ROUNDS = 4;

    private final ServiceClient service;
    private final Consumer<String> log;
    private final Duration firstPause;

    /** @param log receives one line per key removal */
    public KeyRemovedNotifier(ServiceClient service, Consumer<String> log, Duration firstPause) {
        this.service = service;
        this.log = log;
        this.firstPause = firstPause;
    }

    @Override
    public void accept(List<PresenceSecret> secrets) {
        if (secrets.isEmpty()) {
            log.accept("key removed; no sign-ins to end");
            return;
        }
        List<PresenceSecret> left = new ArrayList<>(secrets);
        int refused = 0;
        try {
            Duration pause = firstPause;
            for (int round = 1; round <= ROUNDS && !left.isEmpty(); round++) {
                if (round > 1 && !sleep(pause)) {
                    break;
                }
                if (round > 1) {
                    pause = pause.multipliedBy(2);
                }
                List<PresenceSecret> again = new ArrayList<>();
                for (PresenceSecret secret : left) {
                    switch (tell(secret)) {
                        case TAKEN -> { }
                        case REFUSED -> refused++;
                        case RETRY -> again.add(secret);
                    }
                }
                left = again;
            }
            log.accept("key removed; the service was told to end " + (secrets.size() - refused - left.size()) + " of "
                    + secrets.size() + " sign-ins" + (refused > 0 ? ", " + refused + " it did not know" : "")
                    + (left.isEmpty() ? "" : ", " + left.size() + " could not be told (the service was not reached)"));
        } finally {
            secrets.forEach(PresenceSecret::wipe);
        }
    }

    private enum Told { TAKEN, REFUSED, RETRY }

    private Told tell(PresenceSecret secret) {
        char[] encoded = secret.encoded();
        try {
            service.keyRemoved(encoded);
            return Told.TAKEN;
        } catch (ServiceException e) {
            boolean refusal = e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429;
            return refusal ? Told.REFUSED : Told.RETRY;
        } finally {
            Arrays.fill(encoded, '\0');
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
