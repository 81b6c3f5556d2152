package org.orgcert.server;

import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;

/** Staff actors for tests that drive the use cases directly, one per role (as the decision table wants them). */
public final class TestActors {
    public static final Actor CA_CLERK = new Actor.Staff("t-ca-clerk", StaffRole.CA_CLERK, null);
    public static final Actor REVIEWER = new Actor.Staff("t-reviewer", StaffRole.CA_REVIEWER, null);
    public static final Actor OPERATOR = new Actor.Staff("t-operator", StaffRole.CA_OPERATOR, null);
    public static final Actor SERVICE = new Actor.Staff("t-service", StaffRole.CA_SERVICE, null);

    private TestActors() {
    }

    /** The clerk of window {@code windowId}. */
    public static Actor windowClerk(String windowId) {
        return new Actor.Staff("t-clerk-" + windowId, StaffRole.WINDOW_CLERK, windowId);
    }
}
