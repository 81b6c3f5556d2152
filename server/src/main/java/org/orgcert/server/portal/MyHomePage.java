package org.orgcert.server.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.domain.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /my}: what the signed-in agent acts for — their employers, those employers' applications
 * (number, state) and certificates (expiry, days left, whether renewal is open, R-REN-1).
 */
@Controller
class MyHomePage {
    private final EmployerDirectory employers;
    private final ApplicationService applications;
    private final CertificateStore certificates;
    private final Clock clock;

    MyHomePage(EmployerDirectory employers, ApplicationService applications, CertificateStore certificates,
            Clock clock) {
        this.employers = employers;
        this.applications = applications;
        this.certificates = certificates;
        this.clock = clock;
    }

    @GetMapping(PortalPaths.MY)
    String home(Actor.EmployerAgent agent, Model model) {
        List<EmployerView> mine = agent.employerIds().stream().flatMap(id -> employers.find(id).stream())
                .sorted(Comparator.comparing(EmployerView::name)).toList();
        LocalDate today = ShanghaiTime.today(clock);
        model.addAttribute("agent", agent.maskedMobile());
        model.addAttribute("employers", mine);
        model.addAttribute("applications", applications.ofEmployers(agent.usccs()));
        model.addAttribute("certificates", mine.stream()
                .flatMap(e -> certificates.findByUscc(e.uscc()).stream())
                .filter(c -> c.state() != CertificateState.ISSUING)
                .sorted(Comparator.comparing(CertificateRecord::notAfter).reversed())
                .map(c -> CertificateLine.of(c, today)).toList());
        return "portal/my/home";
    }

    /**
     * A certificate as the agent's list shows it.
     *
     * @param serial       hex serial, the page's address
     * @param expires      last day of validity (Asia/Shanghai)
     * @param daysLeft     days from today to that day (negative once expired)
     * @param renewalOpen  valid and at most 30 days left (R-REN-1)
     */
    record CertificateLine(String serial, String employerName, LocalDate expires, long daysLeft, String state,
            boolean renewalOpen) {
        static CertificateLine of(CertificateRecord record, LocalDate today) {
            LocalDate expires = ShanghaiTime.dateOf(record.notAfter());
            long days = ChronoUnit.DAYS.between(today, expires);
            boolean valid = record.state() == CertificateState.VALID && days >= 0;
            String state = record.state() == CertificateState.REVOKED ? "REVOKED" : days < 0 ? "EXPIRED" : "VALID";
            return new CertificateLine(record.serial().toString(16), record.employerName(), expires, days, state,
                    valid && days <= 30);
        }
    }
}
