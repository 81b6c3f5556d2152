package org.orgcert.server.directory;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/windows}, {@code /api/v1/windows/{id}} and {@code /api/v1/ca-hall}: the directory with
 * whether each place is open now by the service's clock (R-CH-8).
 */
@RestController
@RequestMapping("/api/v1")
class DirectoryController {
    private final Directory directory;

    DirectoryController(Directory directory) {
        this.directory = directory;
    }

    @GetMapping("/windows")
    List<WindowView> windows() {
        return directory.windows().stream().map(w -> WindowView.of(w, directory.openingNow(w))).toList();
    }

    @GetMapping("/windows/{id}")
    WindowView window(@PathVariable("id") String id) {
        ServiceWindow window = directory.require(id);
        return WindowView.of(window, directory.openingNow(window));
    }

    @GetMapping("/ca-hall")
    HallView caHall() {
        CaHall hall = CaHall.HALL;
        OpenNow now = OpenNow.of(directory.caHallOpeningNow());
        return new HallView(hall.name(), hall.address(), hall.phones(), hall.hotline(), periods(hall.hours()),
                now.openNow(), now.closesAt(), now.opensAt(), now.note());
    }

    private static List<String> periods(List<OpeningHours> day) {
        return day.stream().map(OpeningHours::toString).toList();
    }

    /**
     * The open-now part of a view: {@code openNow} null when today's calendar year is missing (then
     * {@code note} says so); {@code closesAt} while open, {@code opensAt} while closed (UTC instants).
     */
    record OpenNow(Boolean openNow, Instant closesAt, Instant opensAt, String note) {
        static OpenNow of(Opening opening) {
            if (opening instanceof Opening.Open open) {
                return new OpenNow(true, open.closesAt().toInstant(), null, null);
            }
            if (opening instanceof Opening.Closed closed) {
                return closed.opensAt() == null
                        ? new OpenNow(false, null, null, "the next opening is in a year without calendar data")
                        : new OpenNow(false, null, closed.opensAt().toInstant(), null);
            }
            return new OpenNow(null, null, null, ((Opening.Unknown) opening).reason());
        }
    }

    /** A window as the API shows it. */
    record WindowView(String id, String name, String divisionCode, String address, List<String> phones,
            List<String> hours, Boolean openNow, Instant closesAt, Instant opensAt, String note) {
        static WindowView of(ServiceWindow w, Opening opening) {
            OpenNow now = OpenNow.of(opening);
            return new WindowView(w.id(), w.name(), w.divisionCode(), w.address(), w.phones(), periods(w.hours()),
                    now.openNow(), now.closesAt(), now.opensAt(), now.note());
        }
    }

    /** The CA hall as the API shows it. */
    record HallView(String name, String address, List<String> phones, String hotline, List<String> hours,
            Boolean openNow, Instant closesAt, Instant opensAt, String note) {
    }
}
