package org.orgcert.key.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.orgcert.key.WebOrigin;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.service.ServiceException;

/**
 * The origins whose pages may use the local API, as the provider registers them. Trusted with the whole API: the
 * service's own origin (its pages renew and unlock through the assistant) and the {@code --allowed-origin} values.
 * Platforms (token and sign-in only): whatever the provider lists at
 * {@code GET /api/v1/signin/assistant-origins} (its own origin and its enabled platforms'). {@link #refresh()}
 * reads that list; {@code serve} calls it at start and every {@link #REFRESH}. A failed read keeps the last good
 * list, so a provider that is down for a while does not lock the platforms out, and before any list was read only
 * the trusted origins are allowed. The assistant's own origin is added by {@link LocalApi}, which knows its port.
 */
public final class RegisteredOrigins implements OriginPolicy {
    /** How often the provider's list is read again. */
    public static final Duration REFRESH = Duration.ofMinutes(10);

    private final ServiceClient service;
    private final AllowedOrigins fixed;
    private final Consumer<String> log;
    private volatile AllowedOrigins listed = AllowedOrigins.ofOrNone(List.of());

    /**
     * @param extra the {@code --allowed-origin} values, allowed whatever the provider lists
     * @throws IllegalArgumentException when one of {@code extra} is not an origin
     */
    public RegisteredOrigins(ServiceClient service, List<String> extra, Consumer<String> log) {
        this.service = service;
        List<String> fixedOrigins = new ArrayList<>();
        fixedOrigins.add(WebOrigin.of(service.baseUrl()));
        fixedOrigins.addAll(extra);
        this.fixed = AllowedOrigins.of(fixedOrigins);
        this.log = log;
    }

    /**
     * Reads the provider's list; entries that are not origins are skipped.
     *
     * @return whether the provider answered with a list (otherwise the last good list stays)
     */
    public boolean refresh() {
        List<String> answered;
        try {
            answered = service.assistantOrigins();
        } catch (ServiceException e) {
            log.accept("origins: the service's list could not be read (" + e.code() + "); still allowing "
                    + all());
            return false;
        }
        List<String> valid = new ArrayList<>();
        int skipped = 0;
        for (String origin : answered) {
            if (WebOrigin.isCanonical(origin)) {
                valid.add(origin);
            } else {
                skipped++;
            }
        }
        AllowedOrigins next = AllowedOrigins.ofOrNone(valid);
        boolean changed = !next.values().equals(listed.values());
        this.listed = next;
        if (changed || skipped > 0) {
            log.accept("origins: sign-in for " + (next.values().isEmpty() ? "no platform" : next.toString())
                    + "; the whole API for " + fixed + (skipped > 0 ? " (" + skipped + " entries of the service's list"
                    + " were not origins)" : ""));
        }
        return true;
    }

    @Override
    public AllowedOrigins trusted() {
        return fixed;
    }

    @Override
    public AllowedOrigins platforms() {
        return listed;
    }
}
