package org.orgcert.server.directory;

import java.time.ZonedDateTime;

/** Whether an office is open at a moment, and when that changes (Kunming time). */
public sealed interface Opening {

    /** Open now, until {@code closesAt} (the end of the current period). */
    record Open(ZonedDateTime closesAt) implements Opening {
    }

    /**
     * Closed now.
     *
     * @param opensAt the start of the next period on a working day; null when that falls in a year the
     *                calendar has no data for yet
     */
    record Closed(ZonedDateTime opensAt) implements Opening {
    }

    /** Cannot say: today's year has no calendar data; {@code reason} says what an administrator must do. */
    record Unknown(String reason) implements Opening {
    }
}
