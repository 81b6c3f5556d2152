package org.orgcert.server.billing;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import org.orgcert.server.calendar.ShanghaiTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The bureau's monthly subsidy report (R-FEE-1): what it pays, per district and window and per item kind,
 * with counts and amounts, and totals it can reconcile with the CA's bill. A month is a calendar month in
 * Beijing time; charges count in the month they were booked (the application's approval).
 */
@Service
public class SubsidyReport {
    private final JdbcTemplate jdbc;

    SubsidyReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One line of the report.
     *
     * @param district the employer's division code (GB/T 2260), e.g. {@code 530102}
     * @param window   the window the application was handed in at, or the channel ({@code CA_HALL},
     *                 {@code MAIL}, {@code ONLINE})
     * @param kind     the report's item kind: MEDIUM, SERVICE (first year), RENEWAL, INFO_CHANGE or UNLOCK
     * @param count    how many charges
     * @param amount   their sum
     */
    public record Line(String district, String window, String kind, long count, Fen amount) {
    }

    /** The report of one month, and its totals. */
    public record Month(YearMonth month, List<Line> lines, long count, Fen total) {

        /** As CSV for a spreadsheet (UTF-8 with BOM so Excel reads the Chinese). */
        public String csv() {
            StringBuilder out = new StringBuilder("\uFEFFmonth,district,window,kind,count,amount_yuan\n");
            for (Line line : lines) {
                out.append(month).append(',').append(line.district()).append(',').append(line.window()).append(',')
                        .append(line.kind()).append(',').append(line.count()).append(',').append(line.amount())
                        .append('\n');
            }
            out.append(month).append(",TOTAL,,,").append(count).append(',').append(total).append('\n');
            return out.toString();
        }
    }

    public Month month(YearMonth month) {
        Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(ShanghaiTime.ZONE).toInstant());
        Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ShanghaiTime.ZONE).toInstant());
        List<Line> lines = jdbc.query("SELECT district, COALESCE(window_id, channel) AS place,"
                + " CASE WHEN item = 'SERVICE_YEAR' AND kind = 'RENEWAL' THEN 'RENEWAL'"
                + " WHEN item = 'SERVICE_YEAR' THEN 'SERVICE' ELSE item END AS report_kind,"
                + " count(*) AS n, sum(amount_fen) AS fen FROM charge WHERE payer = 'BUREAU' AND voided_at IS NULL AND booked_at >= ?"
                + " AND booked_at < ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                (rs, row) -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        new Fen(rs.getLong(5))), from, to);
        return new Month(month, lines, lines.stream().mapToLong(Line::count).sum(),
                lines.stream().map(Line::amount).reduce(Fen.ZERO, Fen::plus));
    }
}
