package org.orgcert.server.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.orgcert.server.application.ScanType;
import org.orgcert.server.application.Scans;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.directory.CaHall;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.employer.SignInNumbers;
import org.orgcert.server.employer.SignInNumbers.Replacement;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.privacy.PersonalDataCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changing who may sign in for an employer (issue 11 item 5). An employer's agents sign in with the mobile number
 * of its legal representative or a contact, so replacing one of those numbers hands the employer to whoever holds
 * the new phone: an identity change. Only customer service (CA_SERVICE) makes it, with a reason and a scan of the
 * signed paper asking for it; in one transaction with the change, the record (table
 * {@code sign_in_number_change}: numbers encrypted, the scan kept), an SMS to the old number (so that the
 * employer learns of a change it did not ask for) and one to the new, and the audit record (masked numbers).
 * Sessions signed in with the old number are ended, since an agent's session holds the employers it acts for.
 *
 * <p>Every refused attempt is audited in a transaction of its own (action
 * {@code employer.sign-in-number-change-refused}), whoever made it.
 */
@Service
public class SignInNumberChanges {
    static final int MAX_REASON = 500;
    static final String OLD_MOBILE = "old_mobile";
    static final String NEW_MOBILE = "new_mobile";
    private static final String COLUMNS = "id, employer_id, uscc, employer_name, old_mobile_masked, new_mobile_masked,"
            + " holders, reason, scan_filename, scan_media_type, scan_size_bytes,"
            + " encode(scan_sha256, 'hex') AS scan_sha256_hex, changed_by, changed_at";

    private final SignInNumbers numbers;
    private final Notifications notifications;
    private final AuditLog audit;
    private final PersonalDataCipher cipher;
    private final JdbcTemplate jdbc;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separately;

    SignInNumberChanges(SignInNumbers numbers, Notifications notifications, AuditLog audit, PersonalDataCipher cipher,
            JdbcTemplate jdbc, FindByIndexNameSessionRepository<? extends Session> sessions, Clock clock,
            PlatformTransactionManager transactions) {
        this.numbers = numbers;
        this.notifications = notifications;
        this.audit = audit;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Replaces {@code request.oldMobile()} by {@code request.newMobile()} wherever the employer has it.
     *
     * @throws Refusal 403 {@code role-not-allowed} (not CA_SERVICE); 400 {@code invalid-input} naming each of
     *                    {@code oldMobile}, {@code newMobile}, {@code reason}, {@code file} that is missing or
     *                    wrong; 400 {@code sign-in-number-unchanged}; 400 {@code empty-file}, 413
     *                    {@code file-too-large}, 415 {@code unsupported-file-type}; 404
     *                    {@code sign-in-employer-not-found}; 409 {@code old-number-not-registered},
     *                    {@code new-number-already-registered}. Nothing changes and no SMS goes out then.
     */
    public SignInNumberChange change(SignInNumberChange.Request request, Actor actor) {
        try {
            actor.require("changing an employer's sign-in numbers", StaffRole.CA_SERVICE);
            Checked checked = check(request);
            return transaction.execute(status -> apply(request.employerId(), checked, actor));
        } catch (Refusal refused) {
            if (request.employerId() != null) {
                separately.executeWithoutResult(status -> audit.record(new AuditEntry(actor.auditName(),
                        "employer.sign-in-number-change-refused", "employer", request.employerId().toString(),
                        refused.type() + (refused.fieldErrors().isEmpty() ? ""
                                : " " + refused.fieldErrors().keySet()))));
            }
            throw refused;
        }
    }

    /**
     * A recorded change.
     *
     * @throws Refusal 403 {@code role-not-allowed} (not CA_SERVICE); 404 {@code sign-in-number-change-not-found}
     */
    public SignInNumberChange get(UUID id, Actor actor) {
        actor.require("reading a change of sign-in numbers", StaffRole.CA_SERVICE);
        return find(id).orElseThrow(() -> SignInNumberRefusal.CHANGE_NOT_FOUND.refuse("there is no change " + id));
    }

    /** A change's scan: the change and the scan's content. */
    public record Content(SignInNumberChange change, byte[] bytes) {
    }

    /**
     * A change's scan, for customer service.
     *
     * @throws Refusal as {@link #get}
     */
    public Content scan(UUID id, Actor actor) {
        SignInNumberChange change = get(id, actor);
        return new Content(change, jdbc.queryForObject("SELECT scan FROM sign_in_number_change WHERE id = ?",
                byte[].class, id));
    }

    /** The employer's changes, newest first, for customer service. */
    public List<SignInNumberChange> ofEmployer(UUID employerId, Actor actor) {
        actor.require("reading changes of sign-in numbers", StaffRole.CA_SERVICE);
        return jdbc.query("SELECT " + COLUMNS + " FROM sign_in_number_change WHERE employer_id = ?"
                + " ORDER BY changed_at DESC, id LIMIT 100", SignInNumberChanges::map, employerId);
    }

    /** A request whose fields are all well formed. */
    private record Checked(MobileNumber oldMobile, MobileNumber newMobile, String reason, String filename,
            byte[] scan, ScanType type) {
    }

    private static Checked check(SignInNumberChange.Request request) {
        Map<String, String> errors = new LinkedHashMap<>();
        MobileNumber oldMobile = mobile(request.oldMobile(), "oldMobile", errors);
        MobileNumber newMobile = mobile(request.newMobile(), "newMobile", errors);
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            errors.put("reason", "say why the number changes, as the paper says");
        } else if (reason.length() > MAX_REASON) {
            errors.put("reason", "at most " + MAX_REASON + " characters");
        }
        SignInNumberChange.Upload upload = request.scan();
        if (upload == null || upload.content() == null || upload.content().length == 0) {
            errors.put("file", "attach the scan of the signed paper asking for the change");
        }
        if (request.employerId() == null) {
            errors.put("employerId", "which employer");
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields("the change has problems; nothing was changed", errors);
        }
        if (oldMobile.equals(newMobile)) {
            throw SignInNumberRefusal.SAME_NUMBER.refuse("the old and the new number are the same");
        }
        ScanType type = Scans.check(upload.content());
        return new Checked(oldMobile, newMobile, reason, Scans.filename(upload.filename(), "scan"), upload.content(),
                type);
    }

    private static MobileNumber mobile(String typed, String field, Map<String, String> errors) {
        try {
            return MobileNumber.parse(typed);
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
            return null;
        }
    }

    private SignInNumberChange apply(UUID employerId, Checked in, Actor actor) {
        Replacement result = numbers.replace(employerId, in.oldMobile(), in.newMobile());
        if (result instanceof Replacement.NoEmployer) {
            throw SignInNumberRefusal.EMPLOYER_NOT_FOUND.refuse("there is no employer " + employerId);
        }
        if (result instanceof Replacement.OldNumberNotRegistered) {
            throw SignInNumberRefusal.OLD_NUMBER_NOT_REGISTERED.refuse("the old number is not one this employer's"
                    + " agents sign in with; check the paper");
        }
        if (result instanceof Replacement.NewNumberAlreadyRegistered) {
            throw SignInNumberRefusal.NEW_NUMBER_ALREADY_REGISTERED.refuse("the new number already signs in for"
                    + " this employer");
        }
        Replacement.Replaced replaced = (Replacement.Replaced) result;
        EmployerView employer = replaced.employer();
        UUID id = UUID.randomUUID();
        String sha256 = Scans.sha256(in.scan());
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.update("INSERT INTO sign_in_number_change (id, employer_id, uscc, employer_name, old_mobile_masked,"
                + " new_mobile_masked, old_mobile, new_mobile, holders, reason, scan_filename, scan_media_type,"
                + " scan_size_bytes, scan_sha256, scan, changed_by, changed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, decode(?, 'hex'), ?, ?, ?)", id, employerId,
                employer.uscc().value(), employer.name(), in.oldMobile().masked(), in.newMobile().masked(),
                cipher.encrypt(id, OLD_MOBILE, in.oldMobile().value()), cipher.encrypt(id, NEW_MOBILE,
                        in.newMobile().value()), holders(replaced.holders()), in.reason(), in.filename(),
                in.type().mediaType(), in.scan().length, sha256, in.scan(), actor.auditName(), now);
        String hotline = CaHall.HALL.hotline();
        notifications.sendSms(in.oldMobile(), "【昆明就业】" + employer.name() + "的数字证书登录手机号"
                + in.oldMobile().masked() + "已由客服更换为" + in.newMobile().masked() + "，本号码不能再为该单位登录。"
                + "如非贵单位申请，请立即致电" + hotline + "。 This number no longer signs in for " + employer.name()
                + "; if your employer did not ask for this, call " + hotline + " at once.");
        notifications.sendSms(in.newMobile(), "【昆明就业】本号码已登记为" + employer.name() + "的数字证书登录手机号（替换"
                + in.oldMobile().masked() + "），可用短信验证码登录。如非本人申请，请致电" + hotline + "。 This number now"
                + " signs in for " + employer.name() + "; if you did not ask for this, call " + hotline + ".");
        audit.record(new AuditEntry(actor.auditName(), "employer.sign-in-number-changed", "employer",
                employerId.toString(), "change " + id + ": " + in.oldMobile().masked() + " -> "
                        + in.newMobile().masked() + " (" + replaced.holders().stream().map(Object::toString)
                                .collect(Collectors.joining(", ")) + "); reason: "
                        + in.reason() + "; scan " + in.type() + ", " + in.scan().length + " bytes, sha256 " + sha256
                        + "; SMS to both numbers"));
        endSessionsOf(in.oldMobile());
        return find(id).orElseThrow();
    }

    /**
     * Ends the sessions of agents signed in with the old number: a session holds the employers it acts for from
     * its sign-in on. Sessions are indexed by the audit name, which has the masked number, so another number
     * with the same mask (one in 10,000 of them) is signed out too; it signs in again.
     */
    private void endSessionsOf(MobileNumber old) {
        String principal = new Actor.EmployerAgent(old.masked(), Set.of(), Set.of()).auditName();
        for (String id : sessions.findByPrincipalName(principal).keySet()) {
            sessions.deleteById(id);
        }
    }

    /** Holders as stored: one a line, {@code <KIND> <name>}. */
    private static String holders(List<SignInNumbers.Holder> holders) {
        return holders.stream().map(h -> h.kind().name() + " " + h.name()).collect(Collectors.joining("\n"));
    }

    private static List<SignInNumbers.Holder> holders(String stored) {
        return stored.lines().map(line -> line.split(" ", 2))
                .map(part -> new SignInNumbers.Holder(SignInNumbers.HolderKind.valueOf(part[0]), part[1])).toList();
    }

    private Optional<SignInNumberChange> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sign_in_number_change WHERE id = ?", SignInNumberChanges::map,
                id).stream().findFirst();
    }

    private static SignInNumberChange map(ResultSet rs, int row) throws SQLException {
        return new SignInNumberChange(rs.getObject("id", UUID.class), rs.getObject("employer_id", UUID.class),
                rs.getString("uscc"), rs.getString("employer_name"), rs.getString("old_mobile_masked"),
                rs.getString("new_mobile_masked"), holders(rs.getString("holders")),
                rs.getString("reason"), new SignInNumberChange.Scan(rs.getString("scan_filename"),
                        Scans.ofMediaType(rs.getString("scan_media_type")), rs.getInt("scan_size_bytes"),
                        rs.getString("scan_sha256_hex")), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant());
    }
}
