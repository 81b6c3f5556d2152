package org.orgcert.server.lifecycle;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.SmsText;
import org.orgcert.server.notification.SmsTexts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds employers by SMS (through the notification outbox) 30 and 7 days before a certificate expires
 * without a successor (R-REN-1). Once per certificate and reminder: a row in {@code renewal_reminder} is
 * inserted with the message in one transaction, so repeated runs and several nodes send it once. Employers
 * not in the employer register (no mobile number known) are skipped and audited.
 */
@Service
public class RenewalReminders {
    static final String ACTOR = "system:renewal-reminders";
    /** Nearest first: only the nearest threshold passed is sent. */
    private static final List<Integer> DAYS_BEFORE = List.of(7, 30);
    private static final DateTimeFormatter LAST_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final CertificateStore certificates;
    private final EmployerDirectory employers;
    private final Notifications notifications;
    private final SmsTexts texts;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    RenewalReminders(CertificateStore certificates, EmployerDirectory employers, Notifications notifications,
            SmsTexts texts, AuditLog audit, JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.certificates = certificates;
        this.employers = employers;
        this.notifications = notifications;
        this.texts = texts;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Sends the reminders that are due; returns how many were sent. */
    public int sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (CertificateRecord certificate : certificates.findExpiringBetween(now, now.plus(Duration.ofDays(30)))) {
            for (int days : DAYS_BEFORE) {
                // A certificate first seen 6 days before expiry gets the 7-day reminder, not both.
                if (now.isBefore(certificate.notAfter().minus(Duration.ofDays(days)))) {
                    continue;
                }
                if (Boolean.TRUE.equals(transaction.execute(status -> remind(certificate, days, now)))) {
                    sent++;
                }
                break;
            }
        }
        return sent;
    }

    private boolean remind(CertificateRecord certificate, int days, Instant now) {
        int inserted = jdbc.update("INSERT INTO renewal_reminder (serial, days_before, sent_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", new BigDecimal(certificate.serial()), days, Timestamp.from(now));
        if (inserted == 0) {
            return false;
        }
        Optional<MobileNumber> mobile = employers.noticeMobile(certificate.uscc());
        if (mobile.isEmpty()) {
            audit.record(new AuditEntry(ACTOR, "certificate.renewal-reminder-skipped", "certificate",
                    certificate.serialHex(), days + " days before expiry: the employer has no mobile number on record"));
            return false;
        }
        // R-SMS-1: renewal is open, in the bureau's words (renewal.open), with the last day.
        notifications.sendSms(mobile.get(), texts.render(SmsText.RENEWAL_OPEN, Map.of("employer",
                certificate.employerName(), "lastDay", LAST_DAY.format(ShanghaiTime.dateOf(certificate.notAfter())))),
                SmsText.RENEWAL_OPEN.key());
        audit.record(new AuditEntry(ACTOR, "certificate.renewal-reminder", "certificate", certificate.serialHex(),
                days + " days before expiry, SMS to " + mobile.get().masked()));
        return true;
    }
}
