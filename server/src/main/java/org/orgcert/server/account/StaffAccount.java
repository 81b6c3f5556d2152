package org.orgcert.server.account;

import java.time.Instant;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;

/**
 * A staff account as stored, without its password hash.
 *
 * @param windowId     the window of a {@link StaffRole#WINDOW_CLERK}, otherwise null
 * @param failedLogins failed sign-ins since the last success or lock
 * @param lockedUntil  when a lock after 5 failures ends, or null
 */
record StaffAccount(String username, StaffRole role, String windowId, boolean enabled, int failedLogins,
        Instant lockedUntil, Instant createdAt) {

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    Actor.Staff actor() {
        return new Actor.Staff(username, role, windowId);
    }
}
