package org.orgcert.server.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts (table {@code staff_account}): created, disabled and given new passwords by a bureau
 * administrator, each change audited in its transaction. Passwords are hashed by the
 * {@link PasswordEncoder} (bcrypt by default, through {@code DelegatingPasswordEncoder}) and never logged,
 * audited or returned. Sign-in tries are counted by {@link SignInTries}.
 */
@Service
public class StaffAccounts {
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final Directory directory;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    StaffAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, AuditLog audit, Clock clock, Directory directory,
            FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.directory = directory;
        this.sessions = sessions;
    }

    /** The account, or empty. */
    Optional<StaffAccount> find(String username) {
        return jdbc.query("SELECT * FROM staff_account WHERE username = ?", StaffAccounts::map, username).stream()
                .findFirst();
    }

    /** The stored hash, for the sign-in check only. */
    Optional<String> passwordHash(String username) {
        return jdbc.queryForList("SELECT password_hash FROM staff_account WHERE username = ?", String.class, username)
                .stream().findFirst();
    }

    List<StaffAccount> all() {
        return jdbc.query("SELECT * FROM staff_account ORDER BY username", StaffAccounts::map);
    }

    boolean none() {
        return jdbc.queryForObject("SELECT count(*) FROM staff_account", Long.class) == 0;
    }

    /**
     * Creates an account.
     *
     * @throws Refusal 400 for an invalid name, role/window pair or password; 409 when the name is taken
     */
    @Transactional
    public StaffAccount create(String username, StaffRole role, String windowId, char[] password, String actor) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,39}")) {
            problems.put("username", "2 to 40 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        if (role == null) {
            problems.put("role", "one of " + java.util.Arrays.toString(StaffRole.values()));
        } else if (role == StaffRole.WINDOW_CLERK) {
            if (windowId == null || directory.window(windowId).isEmpty()) {
                problems.put("windowId", "a window clerk is bound to one of the 18 windows");
            }
        } else if (windowId != null) {
            problems.put("windowId", "only a window clerk is bound to a window");
        }
        passwordProblem(password).ifPresent(p -> problems.put("password", p));
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields("the staff account is not valid", problems);
        }
        Instant now = clock.instant();
        int inserted = jdbc.update("INSERT INTO staff_account (username, password_hash, role, window_id, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING", username,
                encoder.encode(java.nio.CharBuffer.wrap(password)), role.name(), windowId, Timestamp.from(now),
                Timestamp.from(now));
        if (inserted == 0) {
            throw AccountRefusal.STAFF_EXISTS.refuse("there is already a staff account " + username);
        }
        audit.record(new AuditEntry(actor, "staff.created", "staff", username,
                role + (windowId == null ? "" : " at window " + windowId)));
        return find(username).orElseThrow();
    }

    /** Disables an account and ends its sessions; disabling a disabled account changes nothing. */
    @Transactional
    public StaffAccount disable(String username, String actor, String actingUsername) {
        if (username.equals(actingUsername)) {
            throw AccountRefusal.CANNOT_DISABLE_SELF.refuse("an administrator cannot disable their own account");
        }
        require(username);
        if (jdbc.update("UPDATE staff_account SET enabled = FALSE, updated_at = ? WHERE username = ? AND enabled",
                Timestamp.from(clock.instant()), username) == 1) {
            audit.record(new AuditEntry(actor, "staff.disabled", "staff", username, "disabled"));
            endSessions(username);
        }
        return find(username).orElseThrow();
    }

    /** Sets a new password, enables the account, clears any lock and ends its sessions. */
    @Transactional
    public StaffAccount resetPassword(String username, char[] password, String actor) {
        require(username);
        passwordProblem(password).ifPresent(p -> {
            throw Refusal.invalidFields("the password is not acceptable", Map.of("password", p));
        });
        jdbc.update("UPDATE staff_account SET password_hash = ?, enabled = TRUE, failed_logins = 0, tries_pending = 0,"
                + " locked_until = NULL, updated_at = ? WHERE username = ?", encoder.encode(java.nio.CharBuffer.wrap(password)),
                Timestamp.from(clock.instant()), username);
        audit.record(new AuditEntry(actor, "staff.password-reset", "staff", username, "new password set"));
        endSessions(username);
        return find(username).orElseThrow();
    }

    private void require(String username) {
        if (find(username).isEmpty()) {
            throw AccountRefusal.STAFF_NOT_FOUND.refuse("there is no staff account " + username);
        }
    }

    private void endSessions(String username) {
        for (String id : sessions.findByPrincipalName("staff:" + username).keySet()) {
            sessions.deleteById(id);
        }
    }

    static Optional<String> passwordProblem(char[] password) {
        if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
            return Optional.of(MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        return Optional.empty();
    }

    private static StaffAccount map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new StaffAccount(rs.getString("username"), StaffRole.valueOf(rs.getString("role")),
                rs.getString("window_id"), rs.getBoolean("enabled"), rs.getInt("failed_logins"),
                locked == null ? null : locked.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
