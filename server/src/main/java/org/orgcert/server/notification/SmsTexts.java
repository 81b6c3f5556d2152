package org.orgcert.server.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.directory.CaHall;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.PlainText;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.MobileNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bureau's SMS texts (R-SMS-2) and the one way a step tells the employer (R-SMS-1): {@link #tellEmployer}
 * fills the step's text and puts it in the outbox in the step's own transaction, to the number notices go to;
 * an employer without one gets nothing and the step goes on. A text is checked when it is edited, never when it
 * is sent: only its step's placeholders, braces only around them, one line of plain text, and filled in with the
 * longest value each placeholder takes ({@link #LONGEST}; longer values are cut with "…" when sent) at most
 * {@value #LIMIT_PARTS} SMS ({@value #LIMIT_CHARS} characters).
 */
@Service
public class SmsTexts {
    private static final Logger LOG = LoggerFactory.getLogger(SmsTexts.class);
    /** The most SMS a text may take once filled in. */
    public static final int LIMIT_PARTS = 5;
    /** The most characters that fit in {@link #LIMIT_PARTS} concatenated UCS2 SMS. */
    public static final int LIMIT_CHARS = LIMIT_PARTS * SmsParts.PER_PART;
    /** The longest value each placeholder is filled with; a longer one is cut (the employer's name, a reason). */
    static final Map<String, Integer> LONGEST = Map.of("employer", 30, "hotline", 20, "number", 24, "reason", 60,
            "amount", 12, "waybill", 20, "window", 30, "lastDay", 11);
    private static final Pattern BRACES = Pattern.compile("\\{([^{}]*)}");

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Notifications notifications;
    private final EmployerDirectory employers;
    private final Clock clock;

    SmsTexts(JdbcTemplate jdbc, AuditLog audit, Notifications notifications, EmployerDirectory employers,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.notifications = notifications;
        this.employers = employers;
        this.clock = clock;
    }

    /** A step's text as staff see it: the text in use, the default, its placeholders, who changed it when. */
    public record View(String key, String text, String defaultText, List<String> placeholders, boolean changed,
            String changedBy, Instant changedAt) {
    }

    /** Every step's text: for the bureau's administrator and customer service. */
    public List<View> list(Actor actor) {
        actor.require("reading the SMS texts", StaffRole.BUREAU_ADMIN, StaffRole.CA_SERVICE);
        Map<String, View> stored = stored();
        List<View> views = new ArrayList<>();
        for (SmsText text : SmsText.values()) {
            views.add(stored.getOrDefault(text.key(), new View(text.key(), text.defaultText(), text.defaultText(),
                    text.placeholders(), false, null, null)));
        }
        return views;
    }

    /**
     * Replaces a step's text (bureau administrator only), audited.
     *
     * @throws Refusal {@code sms-text-not-found}, {@code sms-text-invalid}, {@code sms-text-unknown-placeholder},
     *                 {@code sms-text-too-long}; nothing changed then
     */
    @Transactional
    public View change(String key, String text, Actor actor) {
        actor.require("changing an SMS text", StaffRole.BUREAU_ADMIN);
        SmsText step = step(key);
        check(step, text);
        jdbc.update("INSERT INTO sms_text (key, text, changed_by, changed_at) VALUES (?, ?, ?, ?) ON CONFLICT (key)"
                + " DO UPDATE SET text = EXCLUDED.text, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at",
                key, text, actor.auditName(), Timestamp.from(clock.instant()));
        audit.record(new AuditEntry(actor.auditName(), "sms-text.changed", "sms-text", key, text));
        return stored().get(key);
    }

    /** Goes back to the default text (bureau administrator only), audited. */
    @Transactional
    public View reset(String key, Actor actor) {
        actor.require("changing an SMS text", StaffRole.BUREAU_ADMIN);
        SmsText step = step(key);
        jdbc.update("DELETE FROM sms_text WHERE key = ?", key);
        audit.record(new AuditEntry(actor.auditName(), "sms-text.reset", "sms-text", key, "back to the default"));
        return new View(key, step.defaultText(), step.defaultText(), step.placeholders(), false, null, null);
    }

    /**
     * Tells the employer of {@code uscc} by SMS what {@code step} says, filled with {@code values} (the employer's
     * name is given as {@code employer}), in the caller's transaction. No notice number: nothing is sent.
     *
     * @return the outbox message's id, or empty when the employer has no number
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> tellEmployer(Uscc uscc, SmsText step, Map<String, String> values) {
        Optional<MobileNumber> mobile = employers.noticeMobile(uscc);
        if (mobile.isEmpty()) {
            LOG.debug("no SMS {}: the employer has no mobile number on record", step.key());
            return Optional.empty();
        }
        return Optional.of(notifications.sendSms(mobile.get(), render(step, values), step.key()));
    }

    /** The step's text in use, filled with {@code values} (each cut to its longest); {@code hotline} is the CA's. */
    public String render(SmsText step, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putIfAbsent("hotline", CaHall.HALL.hotline());
        return fill(current(step), all);
    }

    private String current(SmsText step) {
        return jdbc.queryForList("SELECT text FROM sms_text WHERE key = ?", String.class, step.key()).stream()
                .findFirst().orElse(step.defaultText());
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = BRACES.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            int longest = LONGEST.getOrDefault(m.group(1), 30);
            if (value.length() > longest) {
                value = value.substring(0, longest - 1) + "…";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** R-SMS-2: what a text may be. */
    static void check(SmsText step, String text) {
        if (text == null || text.isBlank()) {
            throw NotificationRefusal.SMS_TEXT_INVALID.refuse("the text of " + step.key() + " is empty");
        }
        PlainText.line(4000).problem(text).ifPresent(problem -> {
            throw NotificationRefusal.SMS_TEXT_INVALID.refuse("the text of " + step.key() + ": " + problem);
        });
        Matcher m = BRACES.matcher(text);
        StringBuilder outside = new StringBuilder();
        Map<String, String> longest = new LinkedHashMap<>();
        int last = 0;
        while (m.find()) {
            outside.append(text, last, m.start());
            last = m.end();
            if (!step.placeholders().contains(m.group(1))) {
                throw NotificationRefusal.SMS_TEXT_UNKNOWN_PLACEHOLDER.refuse("the text of " + step.key()
                        + " names {" + m.group(1) + "}; it may use " + braced(step.placeholders()))
                        .with("placeholder", m.group(1)).with("allowed", braced(step.placeholders()));
            }
            longest.put(m.group(1), "字".repeat(LONGEST.get(m.group(1))));
        }
        outside.append(text.substring(last));
        if (outside.indexOf("{") >= 0 || outside.indexOf("}") >= 0) {
            throw NotificationRefusal.SMS_TEXT_UNKNOWN_PLACEHOLDER.refuse("the text of " + step.key()
                    + " has a brace that opens or closes no placeholder; it may use " + braced(step.placeholders()))
                    .with("placeholder", "").with("allowed", braced(step.placeholders()));
        }
        String filled = fill(text, longest);
        if (filled.length() > LIMIT_CHARS) {
            throw NotificationRefusal.SMS_TEXT_TOO_LONG.refuse("filled in with the longest values, the text of "
                    + step.key() + " has " + filled.length() + " characters (" + SmsParts.count(filled)
                    + " SMS); at most " + LIMIT_CHARS + " (" + LIMIT_PARTS + " SMS)")
                    .with("length", filled.length()).with("limit", LIMIT_CHARS);
        }
    }

    private static String braced(List<String> names) {
        return String.join(" ", names.stream().map(n -> "{" + n + "}").toList());
    }

    private static SmsText step(String key) {
        return SmsText.byKey(key).orElseThrow(() -> NotificationRefusal.SMS_TEXT_NOT_FOUND.refuse("no SMS text "
                + key));
    }

    private Map<String, View> stored() {
        Map<String, View> views = new LinkedHashMap<>();
        jdbc.query("SELECT key, text, changed_by, changed_at FROM sms_text", rs -> {
            SmsText.byKey(rs.getString("key")).ifPresent(step -> {
                try {
                    views.put(step.key(), new View(step.key(), rs.getString("text"), step.defaultText(),
                            step.placeholders(), true, rs.getString("changed_by"),
                            rs.getTimestamp("changed_at").toInstant()));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        });
        return views;
    }
}
