package org.orgcert.server.demo;

import java.util.List;
import org.orgcert.server.domain.StaffRole;

/**
 * Who a newcomer can be in {@code ./orgcert serve --demo}: one staff login per role and the employers' agents
 * with their made-up mobile numbers. The demo loader creates them; the portal's {@code /demo} page lists them
 * (never the passwords, which are only in the data folder's {@code demo-logins.txt}).
 */
public final class DemoCast {
    /**
     * A demo staff login.
     *
     * @param window the window a window clerk belongs to, else null
     */
    public record Staff(String username, StaffRole role, String window) {
    }

    /**
     * A demo employer and its agent's mobile number (the legal representative's number is the one before).
     */
    public record Agent(String mobile, String employerName) {
    }

    public static final List<Staff> STAFF = List.of(
            new Staff("clerk-wuhua", StaffRole.WINDOW_CLERK, "wuhua"),
            new Staff("ca-clerk", StaffRole.CA_CLERK, null),
            new Staff("reviewer", StaffRole.CA_REVIEWER, null),
            new Staff("operator", StaffRole.CA_OPERATOR, null),
            new Staff("service", StaffRole.CA_SERVICE, null),
            new Staff("bureau", StaffRole.BUREAU_ADMIN, null),
            new Staff("auditor", StaffRole.AUDITOR, null));

    public static final List<Agent> AGENTS = List.of(
            new Agent("13800000002", "昆明市演示科技有限公司"),
            new Agent("13800000004", "昆明市演示职业培训学校"),
            new Agent("13800000006", "昆明市演示行业协会"));

    /** The name of the file in the data folder that holds the demo's passwords. */
    public static final String LOGINS_FILE = "demo-logins.txt";

    private DemoCast() {
    }

    /** Whether {@code mobile} is one of the demo's made-up numbers (legal representatives' and agents'). */
    public static boolean isDemoNumber(String mobile) {
        return mobile != null && mobile.matches("1380000000[1-6]");
    }
}
