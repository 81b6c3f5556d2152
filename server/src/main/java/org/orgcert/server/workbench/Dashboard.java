package org.orgcert.server.workbench;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.orgcert.server.billing.Fen;
import org.orgcert.server.billing.SubsidyReport;
import org.orgcert.server.calendar.ShanghaiTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The bureau's dashboard figures: certificates issued per month over the last twelve months, and what the
 * bureau's subsidy paid per district this month (R-FEE-1).
 */
@Service
public class Dashboard {
    private final JdbcTemplate jdbc;
    private final SubsidyReport report;
    private final Clock clock;

    Dashboard(JdbcTemplate jdbc, SubsidyReport report, Clock clock) {
        this.jdbc = jdbc;
        this.report = report;
        this.clock = clock;
    }

    /** Certificates signed in one month (Beijing time). */
    public record MonthCount(YearMonth month, long certificates) {
    }

    /** The bureau's subsidy in one district this month. */
    public record DistrictAmount(String district, long count, Fen amount) {
    }

    /** The figures. */
    public record Figures(List<MonthCount> certificatesPerMonth, List<DistrictAmount> subsidyPerDistrict, Fen subsidyTotal) {
    }

    public Figures figures() {
        YearMonth now = YearMonth.from(ShanghaiTime.today(clock));
        YearMonth first = now.minusMonths(11);
        Timestamp from = Timestamp.from(first.atDay(1).atStartOfDay(ShanghaiTime.ZONE).toInstant());
        var counted = new java.util.HashMap<YearMonth, Long>();
        jdbc.query("SELECT to_char(signed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), count(*) FROM certificate"
                + " WHERE signed_at >= ? GROUP BY 1", rs -> {
                    counted.put(YearMonth.parse(rs.getString(1)), rs.getLong(2));
                }, from);
        List<MonthCount> months = java.util.stream.Stream.iterate(first, m -> m.plusMonths(1)).limit(12)
                .map(m -> new MonthCount(m, counted.getOrDefault(m, 0L))).toList();
        SubsidyReport.Month month = report.month(now);
        var perDistrict = month.lines().stream().collect(java.util.stream.Collectors.groupingBy(
                SubsidyReport.Line::district, java.util.TreeMap::new, java.util.stream.Collectors.toList()));
        List<DistrictAmount> districts = perDistrict.entrySet().stream().map(e -> new DistrictAmount(e.getKey(),
                e.getValue().stream().mapToLong(SubsidyReport.Line::count).sum(),
                e.getValue().stream().map(SubsidyReport.Line::amount).reduce(Fen.ZERO, Fen::plus))).toList();
        return new Figures(months, districts, month.total());
    }
}
