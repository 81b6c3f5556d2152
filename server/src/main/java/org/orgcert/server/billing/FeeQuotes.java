package org.orgcert.server.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.Jurisdiction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Quotes with the facts read from the service: the employer's jurisdiction (the register's, with any staff
 * override, else the USCC's division code) and its certificate history.
 */
@Service
public class FeeQuotes {
    private final PriceList prices;
    private final CertificateStore certificates;
    private final EmployerDirectory employers;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    FeeQuotes(PriceList prices, CertificateStore certificates, EmployerDirectory employers, Clock clock,
            JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.prices = prices;
        this.certificates = certificates;
        this.employers = employers;
        this.clock = clock;
    }

    /** The quote for a NEW, ADDITIONAL, REISSUE, INFO_CHANGE, UNLOCK or CANCEL of employer {@code uscc} today. */
    public Quote quote(ApplicationKind kind, Uscc uscc) {
        return FeeRules.quote(new FeeFacts(kind, insideKunming(uscc), certificates.findByUscc(uscc).isEmpty(),
                today()), prices::on);
    }

    /** The quote for an application, as booked when it is approved. */
    public Quote quote(Application application) {
        ApplicationKind kind = application.form().kind();
        Uscc uscc = application.form().uscc();
        boolean first = switch (kind) {
            // Its own certificate (recorded already when production was resumed) does not count.
            case NEW -> certificates.findByUscc(uscc).stream().allMatch(c -> c.applicationId().equals(application.id()));
            // The successor recorded for it inherits "first" from the renewed certificate, if that is still valid.
            case RENEWAL -> certificates.findByApplication(application.id())
                    .flatMap(successor -> certificates.findBySerial(successor.predecessor()))
                    .filter(FeeQuotes::stillFirst).isPresent();
            default -> false;
        };
        return FeeRules.quote(new FeeFacts(kind, insideKunming(uscc), first, today()), prices::on);
    }

    /** The charges booked for an application when it was approved (none before). */
    public List<Charge> booked(UUID applicationId) {
        return jdbc.query("SELECT item, payer, amount_fen, rule FROM charge WHERE application_id = ? AND voided_at IS NULL ORDER BY item",
                (rs, row) -> new Charge(PriceItem.valueOf(rs.getString(1)), Payer.valueOf(rs.getString(2)),
                        new Fen(rs.getLong(3)), rs.getString(4)), applicationId);
    }

    private static boolean stillFirst(CertificateRecord renewed) {
        return renewed.firstOfEmployer() && renewed.state() == CertificateState.VALID;
    }

    boolean insideKunming(Uscc uscc) {
        return employers.findByUscc(uscc).map(e -> e.jurisdiction().insideKunming())
                .orElseGet(() -> Jurisdiction.of(uscc).insideKunming());
    }

    private LocalDate today() {
        return ShanghaiTime.today(clock);
    }
}
