package org.orgcert.key.signin;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watches the key (run it every {@link #EVERY}): when it goes from plugged in to gone, the PIN session ends and
 * the presence secrets of the sign-ins approved meanwhile go to {@code onRemoved} (which tells the provider, so
 * those sessions end: pulling the key out signs the employer out).
 */
public final class KeyWatcher implements Runnable {
    /** How often to look. */
    public static final Duration EVERY = Duration.ofSeconds(1);

    private final BooleanSupplier present;
    private final SignIns signIns;
    private final Consumer<List<PresenceSecret>> onRemoved;
    private final Runnable onInserted;
    private boolean wasPresent;

    /**
     * @param present   whether the key is plugged in now (e.g. {@code TokenSource::present})
     * @param onRemoved receives the secrets when the key goes; it owns and wipes them
     * @param onInserted told when the key is seen plugged in (at start too): from then on its sign-ins are watched
     */
    public KeyWatcher(BooleanSupplier present, SignIns signIns, Consumer<List<PresenceSecret>> onRemoved,
            Runnable onInserted) {
        this.onInserted = onInserted;
        this.present = present;
        this.signIns = signIns;
        this.onRemoved = onRemoved;
    }

    /** Looks once. */
    @Override
    public synchronized void run() {
        boolean now;
        try {
            now = present.getAsBoolean();
        } catch (RuntimeException e) {
            // a driver that cannot answer has no key to offer either
            now = false;
        }
        if (wasPresent && !now) {
            onRemoved.accept(signIns.keyRemoved());
        } else if (!wasPresent && now) {
            onInserted.run();
        }
        wasPresent = now;
    }
}
