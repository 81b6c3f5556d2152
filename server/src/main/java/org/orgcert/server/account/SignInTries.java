package org.orgcert.server.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-in tries of staff accounts, counted <em>before</em> a password is checked, so that the lock-out
 * holds under concurrency: 5 wrong passwords in a row lock an account for 15 minutes, and however many guesses
 * arrive at once, at most 5 are checked per lock.
 *
 * <p>A try starts with {@link #start}: one {@code UPDATE … RETURNING} that takes a place only while the account
 * is not locked and its failures in a row plus the tries being checked are fewer than 5. Then the password is
 * checked and the try ends with {@link #failed} (the fifth failure locks) or {@link #succeeded} (the count starts
 * again) or {@link #ended} (neither, e.g. a disabled account). Right passwords do not wait for each other beyond
 * that: a script making more than 5 calls at once with the same account waits a moment for a place
 * ({@link Start#BUSY}), it is not refused.
 */
@Component
class SignInTries {
    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    /** A try being checked for longer than this belongs to a node that stopped mid-check: its place is free. */
    static final Duration STALE = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    SignInTries(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether a try may check the password. */
    enum Start {
        /** It may: one place is taken, to be given back by {@link #failed}, {@link #succeeded} or {@link #ended}. */
        STARTED,
        /** The account is locked: the password is not checked. */
        LOCKED,
        /** Every place is taken by tries being checked now: wait for one to end, then start again. */
        BUSY,
        /** There is no such account. */
        NO_ACCOUNT
    }

    /** Takes a place for a try of {@code username}, atomically (one statement, autocommitted). */
    Start start(String username) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        Timestamp stale = Timestamp.from(now.minus(STALE));
        List<Integer> started = jdbc.queryForList("UPDATE staff_account SET"
                + " tries_pending = CASE WHEN tries_pending_since IS NULL OR tries_pending_since < ? THEN 1"
                + " ELSE tries_pending + 1 END, tries_pending_since = ?"
                + " WHERE username = ? AND (locked_until IS NULL OR locked_until <= ?)"
                + " AND failed_logins + CASE WHEN tries_pending_since IS NULL OR tries_pending_since < ? THEN 0"
                + " ELSE tries_pending END < ? RETURNING tries_pending", Integer.class,
                stale, at, username, at, stale, MAX_FAILURES);
        if (!started.isEmpty()) {
            return Start.STARTED;
        }
        // Why not: read after the fact, which only chooses the answer, never lets a try through.
        List<Timestamp> locked = jdbc.queryForList("SELECT locked_until FROM staff_account WHERE username = ?",
                Timestamp.class, username);
        if (locked.isEmpty()) {
            return Start.NO_ACCOUNT;
        }
        Timestamp until = locked.get(0);
        return until != null && now.isBefore(until.toInstant()) ? Start.LOCKED : Start.BUSY;
    }

    /**
     * A started try whose password was wrong: one more failure in a row; the fifth locks the account for 15
     * minutes. Each failure is audited, so the audit log tells how many passwords were checked.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String username) {
        Instant now = clock.instant();
        Timestamp until = Timestamp.from(now.plus(LOCK));
        Integer failures = jdbc.query("UPDATE staff_account SET tries_pending = GREATEST(tries_pending - 1, 0),"
                + " failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,"
                + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,"
                + " updated_at = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE updated_at END"
                + " WHERE username = ? RETURNING CASE WHEN locked_until = ? THEN ? ELSE failed_logins END",
                rs -> rs.next() ? rs.getInt(1) : null, MAX_FAILURES, MAX_FAILURES, until, MAX_FAILURES,
                Timestamp.from(now), username, until, MAX_FAILURES);
        if (failures == null) {
            return;
        }
        audit.record(new AuditEntry("system", "staff.sign-in-failed", "staff", username,
                "wrong password: " + failures + " of " + MAX_FAILURES + " in a row"));
        if (failures >= MAX_FAILURES) {
            audit.record(new AuditEntry("system", "staff.locked", "staff", username,
                    MAX_FAILURES + " failed sign-ins: locked for " + LOCK.toMinutes() + " minutes"));
        }
    }

    /** A started try whose password was right: the failures in a row start again from 0. */
    void succeeded(String username) {
        jdbc.update("UPDATE staff_account SET tries_pending = GREATEST(tries_pending - 1, 0), failed_logins = 0"
                + " WHERE username = ?", username);
    }

    /** A started try that neither failed nor succeeded (an error, a disabled account): its place is free. */
    void ended(String username) {
        jdbc.update("UPDATE staff_account SET tries_pending = GREATEST(tries_pending - 1, 0) WHERE username = ?",
                username);
    }
}
