package org.orgcert.server.workbench;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.orgcert.server.billing.Fen;
import org.orgcert.server.billing.SubsidyReport;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateStore;
import org.springframework.stereotype.Service;

/**
 * The bureau's dashboard figures: certificates issued per month over the last twelve months, and what the
 * bureau's subsidy paid per district this month (R-FEE-1).
 */
@Service
public class Dashboard {
    private final CertificateStore certificates;
    private final SubsidyReport report;
    private final Clock clock;

    Dashboard(CertificateStore certificates, SubsidyReport report, Clock clock) {
        this.certificates = certificates;
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
        // The certificate capability counts its own table: a capability never reads another's tables.
        java.util.Map<String, Long> counted = certificates.signedPerMonth(
                first.atDay(1).atStartOfDay(ShanghaiTime.ZONE).toInstant());
        List<MonthCount> months = java.util.stream.Stream.iterate(first, m -> m.plusMonths(1)).limit(12)
                .map(m -> new MonthCount(m, counted.getOrDefault(m.toString(), 0L))).toList();
        SubsidyReport.Month month = report.month(now);
        var perDistrict = month.lines().stream().collect(java.util.stream.Collectors.groupingBy(
                SubsidyReport.Line::district, java.util.TreeMap::new, java.util.stream.Collectors.toList()));
        List<DistrictAmount> districts = perDistrict.entrySet().stream().map(e -> new DistrictAmount(e.getKey(),
                e.getValue().stream().mapToLong(SubsidyReport.Line::count).sum(),
                e.getValue().stream().map(SubsidyReport.Line::amount).reduce(Fen.ZERO, Fen::plus))).toList();
        return new Figures(months, districts, month.total());
    }
}
