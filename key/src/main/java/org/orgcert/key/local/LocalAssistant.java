package org.orgcert.key.local;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.TokenSource;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.KeyRemovedNotifier;
import org.orgcert.key.signin.KeyWatcher;
import org.orgcert.key.signin.SignIns;

/**
 * The assistant as {@code serve} runs it: the {@link LocalApi} on 127.0.0.1, the provider's list of origins read at
 * start and every {@link RegisteredOrigins#REFRESH}, and the {@link KeyWatcher} every second, whose removals are
 * told to the provider on a thread of their own (so a slow provider never stops the watching).
 */
public final class LocalAssistant implements AutoCloseable {
    private final LocalApi api;
    private final RegisteredOrigins origins;
    private final SignIns signIns;
    private final ScheduledExecutorService background;
    private final ExecutorService notifications;

    private LocalAssistant(LocalApi api, RegisteredOrigins origins, SignIns signIns,
            ScheduledExecutorService background, ExecutorService notifications) {
        this.api = api;
        this.origins = origins;
        this.signIns = signIns;
        this.background = background;
        this.notifications = notifications;
    }

    /**
     * Starts it.
     *
     * @param port         the port on 127.0.0.1 ({@code 0}: any free one, for tests)
     * @param extraOrigins the {@code --allowed-origin} values
     * @param retryPause   the first pause before telling the provider again that the key was removed
     * @param log          receives one line per request and per event (never a PIN or secret)
     * @throws IOException              when the port is taken
     * @throws IllegalArgumentException when one of {@code extraOrigins} is not an origin
     */
    public static LocalAssistant start(int port, List<String> extraOrigins, TokenSource tokens, ServiceClient service,
            Clock clock, Duration retryPause, Consumer<String> log) throws IOException {
        RegisteredOrigins origins = new RegisteredOrigins(service, extraOrigins, log);
        origins.refresh();
        SignIns signIns = new SignIns(clock);
        LocalApi api = LocalApi.start(port, origins, tokens, new KeyAssistant(clock), service, clock, log::accept,
                signIns);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(1, daemon("orgcert-key-watch"));
        ExecutorService notifications = Executors.newSingleThreadExecutor(daemon("orgcert-key-removed"));
        KeyRemovedNotifier notifier = new KeyRemovedNotifier(service, log, retryPause);
        KeyWatcher watcher = new KeyWatcher(tokens::present, signIns,
                secrets -> notifications.execute(() -> notifier.accept(secrets)), () -> log.accept("key plugged in"));
        background.scheduleWithFixedDelay(safely(watcher, log), 0, KeyWatcher.EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long refresh = RegisteredOrigins.REFRESH.toSeconds();
        background.scheduleWithFixedDelay(safely(origins::refresh, log), refresh, refresh, TimeUnit.SECONDS);
        return new LocalAssistant(api, origins, signIns, background, notifications);
    }

    /** The local API. */
    public LocalApi api() {
        return api;
    }

    /** The origins allowed now, and for what. */
    public OriginPolicy origins() {
        return origins;
    }

    /** The sign-ins. */
    public SignIns signIns() {
        return signIns;
    }

    /** Stops listening and watching; a notification under way is given a few seconds to finish. */
    @Override
    public void close() {
        background.shutdownNow();
        api.close();
        notifications.shutdown();
        try {
            notifications.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifications.shutdownNow();
    }

    /** A scheduled task that survives its own failure (a periodic task that throws is never run again). */
    private static Runnable safely(Runnable task, Consumer<String> log) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.accept("background task failed (" + e.getClass().getName() + ")");
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
