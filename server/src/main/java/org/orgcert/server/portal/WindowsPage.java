package org.orgcert.server.portal;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.directory.CaHall;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.directory.Opening;
import org.orgcert.server.directory.OpeningHours;
import org.orgcert.server.directory.ServiceWindow;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /windows}: the CA hall, the hotline and the 18 windows with address, phones, hours and whether
 * each is open now by the service's clock and the working-day calendar (R-CH-8). One query (the windows);
 * the calendar is in memory.
 */
@Controller
class WindowsPage {
    private final Directory directory;
    private final MessageSource messages;
    private final Clock clock;

    WindowsPage(Directory directory, MessageSource messages, Clock clock) {
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(PortalPaths.WINDOWS)
    String windows(Locale locale, Model model) {
        ZonedDateTime now = ShanghaiTime.at(clock.instant());
        OpeningText text = new OpeningText(messages, locale, now);
        CaHall hall = CaHall.HALL;
        Opening hallOpening = directory.caHallOpeningNow();
        model.addAttribute("hall", PlaceView.of("ca-hall", hall.name(), hall.address(), hall.phones(),
                periods(hall.hours()), OpeningText.isOpen(hallOpening), text.describe(hallOpening)));
        model.addAttribute("hotline", hall.hotline());
        List<PlaceView> windows = directory.windows().stream().map(w -> view(w, text)).toList();
        model.addAttribute("windows", windows);
        model.addAttribute("now", text.dateTime(now));
        return "portal/windows";
    }

    private PlaceView view(ServiceWindow window, OpeningText text) {
        Opening opening = directory.openingNow(window);
        return PlaceView.of(window.id(), window.name(), window.address(), window.phones(), periods(window.hours()),
                OpeningText.isOpen(opening), text.describe(opening));
    }

    private static List<String> periods(List<OpeningHours> day) {
        return day.stream().map(p -> p.opens() + "–" + p.closes()).toList();
    }
}
