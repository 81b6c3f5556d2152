package org.orgcert.server.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialsChecklist;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.calendar.CalendarYearMissingException;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.delivery.PickupDeadlines;
import org.orgcert.server.employer.EmployerType;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public guide pages that explain the programme from the rules themselves: home (R-CERT, R-USE),
 * materials (R-MAT-1..6, the checklist of {@link MaterialsChecklist}), channels and times (R-CH-1..7, the
 * table of {@link Channel}) and the usage guide (R-DOC-1).
 */
@Controller
class GuidePages {
    /** The deliveries an employer can choose when applying on paper (TO_TOKEN is for online steps). */
    static final List<Delivery> PAPER_DELIVERIES = List.of(Delivery.ON_THE_SPOT, Delivery.MAIL, Delivery.WINDOW_PICKUP);
    /** R-CH-2, R-CH-4: production within this many working days of approval. */
    static final int PRODUCTION_WORKING_DAYS = 3;

    private final CalendarService calendar;
    private final MessageSource messages;
    private final Clock clock;

    GuidePages(CalendarService calendar, MessageSource messages, Clock clock) {
        this.calendar = calendar;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(PortalPaths.HOME)
    String home() {
        return "portal/home";
    }

    @GetMapping(PortalPaths.MATERIALS)
    String materials(@RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "inPerson", defaultValue = "false") boolean inPerson,
            @RequestParam(name = "delivery", required = false) String delivery, Model model) {
        EmployerType chosenType = Arrays.stream(EmployerType.values()).filter(t -> t.name().equals(type)).findFirst()
                .orElse(EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS);
        Delivery chosenDelivery = PAPER_DELIVERIES.stream().filter(d -> d.name().equals(delivery)).findFirst()
                .orElse(Delivery.WINDOW_PICKUP);
        model.addAttribute("types", EmployerType.values());
        model.addAttribute("deliveries", PAPER_DELIVERIES);
        model.addAttribute("type", chosenType);
        model.addAttribute("inPerson", inPerson);
        model.addAttribute("delivery", chosenDelivery);
        model.addAttribute("items", MaterialsChecklist.required(chosenType, inPerson, chosenDelivery));
        return "portal/materials";
    }

    @GetMapping(PortalPaths.CHANNELS)
    String channels(Locale locale, Model model) {
        model.addAttribute("channels", Channel.values());
        model.addAttribute("example", example(locale));
        return "portal/channels";
    }

    @GetMapping(PortalPaths.GUIDE)
    String guide(Model model) {
        model.addAttribute("sections", UsageGuide.SECTIONS);
        return "portal/guide";
    }

    /**
     * The dates of R-CH-2 and R-CH-5..6 for an application handed in today, or null when the calendar lacks
     * the year they fall in (the page then says so rather than guess).
     */
    private TimesExample example(Locale locale) {
        LocalDate today = ShanghaiTime.today(clock);
        DateTimeFormatter format = DateTimeFormatter.ofPattern(messages.getMessage("channels.datePattern", null,
                locale), locale);
        try {
            LocalDate produced = calendar.addWorkingDays(today, PRODUCTION_WORKING_DAYS);
            PickupDeadlines pickup = new PickupDeadlines(today);
            return new TimesExample(format.format(today), format.format(produced), format.format(pickup.noticeFrom()),
                    format.format(pickup.noticeUntil()), format.format(pickup.selfServiceFrom()),
                    format.format(pickup.collectBy()));
        } catch (CalendarYearMissingException e) {
            return null;
        }
    }

    /** The example dates on the channels page, formatted for the page's language. */
    record TimesExample(String today, String producedBy, String phonedFrom, String phonedUntil, String comeFrom,
            String collectBy) {
    }
}
