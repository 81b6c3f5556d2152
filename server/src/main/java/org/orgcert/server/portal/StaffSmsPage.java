package org.orgcert.server.portal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.OutboxMessage;
import org.orgcert.server.notification.SmsTexts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /staff/sms} (issue 14): the SMS outbox with each message's delivery state (what waits, attempts, the
 * last error, the gateway's ids; numbers masked, texts only in development) for the bureau's administrator and
 * customer service, and the bureau's SMS texts, which the administrator edits here (R-SMS-2, R-SMS-3). A refused
 * text comes back as typed with the reason next to it.
 */
@Controller
class StaffSmsPage {
    static final String PAGE = "/staff/sms";

    private final Notifications notifications;
    private final SmsTexts texts;
    private final RefusalTexts refusals;
    private final boolean textVisible;

    StaffSmsPage(Notifications notifications, SmsTexts texts, RefusalTexts refusals,
            @Value("${orgcert.dev-outbox-visible:false}") boolean textVisible) {
        this.notifications = notifications;
        this.texts = texts;
        this.refusals = refusals;
        this.textVisible = textVisible;
    }

    @GetMapping(PAGE)
    String page(@RequestParam(name = "queued", defaultValue = "false") boolean queued, Actor actor, Model model) {
        actor.require("the SMS outbox", StaffRole.BUREAU_ADMIN, StaffRole.CA_SERVICE);
        model.addAttribute("queuedOnly", queued);
        model.addAttribute("backlog", notifications.queued());
        model.addAttribute("messages", notifications.latest(100, textVisible, queued).stream().map(Row::of).toList());
        model.addAttribute("limit", SmsTexts.LIMIT_CHARS);
        model.addAttribute("texts", texts.list(actor));
        model.addAttribute("editable", actor.hasRole(StaffRole.BUREAU_ADMIN));
        return "portal/staff/sms";
    }

    /** A message with its times in Kunming's wall clock. */
    record Row(OutboxMessage m, String created, String sent, String next) {
        static Row of(OutboxMessage m) {
            return new Row(m, time(m.createdAt()), time(m.sentAt()), time(m.nextAttemptAt()));
        }

        private static String time(Instant at) {
            return at == null ? null : TIME.format(at.atZone(ShanghaiTime.ZONE));
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @PostMapping(PAGE + "/texts/{key}")
    String change(@PathVariable String key, @RequestParam(name = "text", defaultValue = "") String text,
            Actor actor, Locale locale, Model model, RedirectAttributes redirect) {
        try {
            texts.change(key, text, actor);
        } catch (Refusal refused) {
            if (refused.kind() == org.orgcert.server.domain.RefusalKind.FORBIDDEN) {
                throw refused;
            }
            model.addAttribute("failedKey", key);
            model.addAttribute("failedText", text);
            model.addAttribute("error", refusals.text(refused, locale));
            return page(false, actor, model);
        }
        redirect.addFlashAttribute("done", key);
        return "redirect:" + PAGE + "#text-" + key.replace('.', '-');
    }

    @PostMapping(PAGE + "/texts/{key}/reset")
    String reset(@PathVariable String key, Actor actor, RedirectAttributes redirect) {
        texts.reset(key, actor);
        redirect.addFlashAttribute("done", key);
        return "redirect:" + PAGE + "#text-" + key.replace('.', '-');
    }
}
