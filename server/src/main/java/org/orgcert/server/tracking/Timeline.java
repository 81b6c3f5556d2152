package org.orgcert.server.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.orgcert.server.application.ApplicationState;

/**
 * An application as its employer follows it.
 *
 * @param steps           what happened, oldest first
 * @param readyBy         the day production is due (R-CH-2), once approved for production
 * @param collectFrom     window pick-up: from when the key can be expected at the window (day 5, R-CH-5)
 * @param phonedBy        window pick-up: the window phones the employer from {@code collectFrom} to this day
 *                        (day 15, R-CH-5)
 * @param callOrComeFrom  window pick-up: not phoned, the employer calls or comes from this day (day 16, R-CH-6)
 * @param collectBy       window pick-up: the last day to collect it (day 45, R-CH-6); on day 46 it goes back
 *                        to the CA and the certificate is cancelled (R-CH-7)
 * @param amountDueFen    what the employer still has to transfer (R-FEE-4), 0 when nothing
 * @param rejectionReason the reviewer's reason when the application was rejected (R-REV-1), else null
 */
public record Timeline(UUID applicationId, String number, ApplicationState state, List<Step> steps,
        LocalDate readyBy, LocalDate collectFrom, LocalDate phonedBy, LocalDate callOrComeFrom, LocalDate collectBy,
        long amountDueFen, String rejectionReason) {

    /** One step: an audited event's name (e.g. {@code application.approve}) and when. */
    public record Step(String action, Instant at) {
    }
}
