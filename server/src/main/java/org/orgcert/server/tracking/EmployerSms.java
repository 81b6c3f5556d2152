package org.orgcert.server.tracking;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Consequence;
import org.orgcert.server.application.TransitionConsequence;
import org.orgcert.server.billing.Payments;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.delivery.PickupDeadlines;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.directory.ServiceWindow;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.notification.SmsText;
import org.orgcert.server.notification.SmsTexts;
import org.springframework.stereotype.Component;

/**
 * {@link Consequence#TELL_EMPLOYER}: the employer learns of each step of its application that concerns it by SMS
 * (R-SMS-1), in the bureau's words ({@link SmsTexts}), put in the outbox in the step's own transaction: papers
 * received, approved, rejected or declined with the reason, payment due with the amount, produced, shipped with
 * the waybill, ready at the window with the last day to collect (R-CH-7). The revocation of a key not collected
 * tells the employer through the certificate's machine ({@link RevocationSms}), like every revocation. Online requests (renewal, information change, unlock) are the employer's own doing at its
 * assistant: no SMS. An employer without a number gets none and the step goes on.
 */
@Component
class EmployerSms implements TransitionConsequence {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final SmsTexts texts;
    private final Payments payments;
    private final Directory directory;

    EmployerSms(SmsTexts texts, Payments payments, Directory directory) {
        this.texts = texts;
        this.payments = payments;
        this.directory = directory;
    }

    @Override
    public Consequence consequence() {
        return Consequence.TELL_EMPLOYER;
    }

    @Override
    public void carryOut(Application before, ApplicationEvent event, Actor actor) {
        carryOut(before, event, actor, null);
    }

    @Override
    public void carryOut(Application before, ApplicationEvent event, Actor actor, String reason) {
        if (before.form().channel() == Channel.ONLINE) {
            return;
        }
        Map<String, String> values = new HashMap<>();
        values.put("employer", before.form().employerName());
        values.put("number", before.number());
        SmsText text = switch (event) {
            case RECEIVE -> SmsText.APPLICATION_RECEIVED;
            case APPROVE -> SmsText.REVIEW_APPROVED;
            case REJECT, DECLINE_BY_PHONE -> {
                values.put("reason", reason == null || reason.isBlank()
                        ? (event == ApplicationEvent.DECLINE_BY_PHONE ? "单位不同意按参保记录更正信息" : "未说明") : reason);
                yield SmsText.REVIEW_REJECTED;
            }
            case AWAIT_PAYMENT -> {
                values.put("amount", payments.outstanding(before.id()).toString());
                yield SmsText.PAYMENT_DUE;
            }
            case COMPLETE_PRODUCTION -> SmsText.PRODUCTION_DONE;
            case SHIP -> {
                values.put("waybill", before.waybill() == null ? "" : before.waybill());
                yield SmsText.DELIVERY_SHIPPED;
            }
            case ARRIVE_AT_WINDOW -> {
                values.put("window", directory.window(before.form().windowId()).map(ServiceWindow::name)
                        .orElse("受理窗口"));
                values.put("lastDay", day(new PickupDeadlines(ShanghaiTime.dateOf(before.submittedAt())).collectBy()));
                yield SmsText.COLLECTION_READY;
            }
            default -> null;
        };
        if (text != null) {
            texts.tellEmployer(before.form().uscc(), text, values);
        }
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }
}
