package org.orgcert.server.delivery;

import java.time.LocalDate;

/**
 * The natural-day deadlines of window pick-up, counted from the date of submission (day 0) in China:
 * the window phones the employer between day 5 and day 15 (R-CH-5); an employer not phoned calls or comes
 * between day 16 and day 45 (R-CH-6); a key not collected by day 45 goes back to the CA on day 46 and its
 * certificate is cancelled (R-CH-7).
 *
 * @param submitted the date the application was handed in at the window
 */
public record PickupDeadlines(LocalDate submitted) {

    /** The first day the window should phone (R-CH-5). */
    public LocalDate noticeFrom() {
        return submitted.plusDays(5);
    }

    /** The last day the window should phone (R-CH-5). */
    public LocalDate noticeUntil() {
        return submitted.plusDays(15);
    }

    /** The first day an employer who was not phoned should call or come (R-CH-6). */
    public LocalDate selfServiceFrom() {
        return submitted.plusDays(16);
    }

    /** The last day the key can be collected (R-CH-6, R-CH-7). */
    public LocalDate collectBy() {
        return submitted.plusDays(45);
    }

    /** The day an uncollected key is returned to the CA and its certificate revoked (R-CH-7). */
    public LocalDate returnOn() {
        return submitted.plusDays(46);
    }

    /** True when {@code today} is within the phone-notice window (R-CH-5). */
    public boolean noticeDue(LocalDate today) {
        return !today.isBefore(noticeFrom()) && !today.isAfter(noticeUntil());
    }

    /** True when an uncollected key must go back to the CA (R-CH-7). */
    public boolean returnDue(LocalDate today) {
        return !today.isBefore(returnOn());
    }
}
