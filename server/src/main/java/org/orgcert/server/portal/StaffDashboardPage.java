package org.orgcert.server.portal;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.orgcert.server.billing.SubsidyReport;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.workbench.Dashboard;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bureau's dashboard (BUREAU_ADMIN, AUDITOR): certificates per month and this month's subsidy per
 * district as ECharts charts, whose data is {@link Dashboard#figures()} embedded in the page as JSON (no
 * second request) and also shown as a table under each chart (its text alternative), and a month's subsidy
 * report as a table with its CSV download. Districts, windows and items are named, not coded.
 */
@Controller
class StaffDashboardPage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dashboard dashboard;
    private final SubsidyReport report;
    private final java.time.Clock clock;
    private final PlaceNames places;

    StaffDashboardPage(Dashboard dashboard, SubsidyReport report, java.time.Clock clock, PlaceNames places) {
        this.dashboard = dashboard;
        this.report = report;
        this.clock = clock;
        this.places = places;
    }

    @GetMapping("/staff/dashboard")
    String dashboard(@RequestParam(required = false) String month, Actor actor, Model model) {
        actor.require("the dashboard", StaffRole.BUREAU_ADMIN, StaffRole.AUDITOR);
        YearMonth shown = YearMonth.from(ShanghaiTime.today(clock));
        if (month != null && !month.isBlank()) {
            try {
                shown = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                model.addAttribute("monthError", true);
            }
        }
        Dashboard.Figures figures = dashboard.figures();
        PlaceNames.Places names = places.now();
        // Plain numbers for the charts: months as yyyy-MM, districts by name, amounts in yuan.
        Map<String, Object> chartData = Map.of(
                "months", figures.certificatesPerMonth().stream().map(m -> m.month().toString()).toList(),
                "certificates", figures.certificatesPerMonth().stream().map(Dashboard.MonthCount::certificates).toList(),
                "districts", figures.subsidyPerDistrict().stream().map(d -> names.district(d.district())).toList(),
                "subsidy", figures.subsidyPerDistrict().stream().map(d -> d.amount().value() / 100.0).toList());
        model.addAttribute("figures", figures);
        model.addAttribute("places", names);
        // Inside <script>: no "</" may appear, so "<" is written as its JSON escape.
        model.addAttribute("chartJson", JSON.writeValueAsString(chartData).replace("<", "\\u003c"));
        model.addAttribute("month", shown);
        model.addAttribute("report", report.month(shown));
        return "portal/staff/dashboard";
    }
}
