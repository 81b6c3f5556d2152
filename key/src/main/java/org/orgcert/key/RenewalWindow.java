package org.orgcert.key;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Where a certificate stands against its renewal window (R-REN-1: the employer may renew from 30 days before
 * expiry), counted as the service counts it: the window opens at the instant {@code notAfter - 30 days}, and
 * dates are Asia/Shanghai local dates. The service decides; this is what the assistant shows beforehand.
 *
 * @param expiresOn the local date of expiry
 * @param opensOn   the local date renewal opens
 * @param daysLeft  whole local days from today to the expiry date (negative once expired)
 * @param open      whether renewal is open now
 * @param expired   whether the certificate has expired (then it cannot be renewed online; R-FEE-2)
 */
public record RenewalWindow(LocalDate expiresOn, LocalDate opensOn, long daysLeft, boolean open, boolean expired) {
    /** R-REN-1: how long before expiry renewal opens. */
    public static final Duration WINDOW = Duration.ofDays(30);
    /** The zone the bureau's dates are in. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The window of a certificate valid until {@code notAfter}, seen at {@code now}. */
    public static RenewalWindow of(Instant notAfter, Instant now) {
        Instant opens = notAfter.minus(WINDOW);
        LocalDate expiresOn = LocalDate.ofInstant(notAfter, SHANGHAI);
        long daysLeft = ChronoUnit.DAYS.between(LocalDate.ofInstant(now, SHANGHAI), expiresOn);
        boolean expired = !now.isBefore(notAfter);
        return new RenewalWindow(expiresOn, LocalDate.ofInstant(opens, SHANGHAI), daysLeft,
                !expired && !now.isBefore(opens), expired);
    }

    /** One line for a person, e.g. {@code renewal open (R-REN-1), 12 days left}. */
    public String describe() {
        if (expired) {
            return "expired on " + expiresOn + "; it cannot be renewed online, apply for a new certificate (R-FEE-2)";
        }
        String days = daysLeft + (daysLeft == 1 ? " day" : " days") + " until expiry";
        return open ? days + "; renewal is open (R-REN-1): run renew"
                : days + "; renewal opens on " + opensOn + " (R-REN-1)";
    }
}
