package org.orgcert.server.calendar;

import java.time.LocalDate;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/calendar}: the covered years, loading a year's notice, due dates and the coverage status.
 * Loading a year is for a BUREAU_ADMIN (security configuration), audited under their name. Parameters are named in their
 * annotations: the build does not compile with {@code -parameters}.
 */
@RestController
@RequestMapping("/api/v1/calendar")
class CalendarController {
    /** A plausible range for a State Council notice; anything else is a typo in the URL. */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;
    private static final int MAX_ADD = 366;

    private final CalendarService calendar;

    CalendarController(CalendarService calendar) {
        this.calendar = calendar;
    }

    @GetMapping("/years")
    Map<String, Object> years() {
        List<CalendarService.CoveredYear> years = calendar.coveredYears();
        return Map.of("lastYearCovered", calendar.lastYearCovered().getValue(), "years", years);
    }

    @PostMapping("/years/{year}")
    Map<String, Object> load(@PathVariable("year") int year, @RequestBody byte[] document, Actor actor) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw CalendarRefusal.INVALID_YEAR.refuse("The year must be between " + FIRST_YEAR + " and "
                    + LAST_YEAR + ", not " + year + ".");
        }
        CalendarYear loaded = calendar.loadYear(Year.of(year), document, actor.auditName());
        return Map.of("year", year, "listedDays", loaded.days().size());
    }

    @GetMapping("/working-days")
    Map<String, Object> workingDays(@RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("add") int add) {
        if (add < 0 || add > MAX_ADD) {
            throw CalendarRefusal.INVALID_WORKING_DAYS.refuse("add must be between 0 and " + MAX_ADD + ", not "
                    + add + ".");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from.toString());
        answer.put("add", add);
        answer.put("due", calendar.addWorkingDays(from, add).toString());
        answer.put("counting", "from the first working day after 'from'; 'from' itself does not count");
        return answer;
    }

    @GetMapping("/status")
    Map<String, Object> status() {
        CalendarStatus status = calendar.status();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("level", status.level().name());
        answer.put("today", status.today().toString());
        answer.put("coveredThrough", status.coveredThrough() == null ? null : status.coveredThrough().getValue());
        answer.put("daysLeft", status.daysLeft());
        answer.put("message", status.message());
        return answer;
    }
}
