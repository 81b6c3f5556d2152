package org.orgcert.server.portal;

import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.lifecycle.CertificateEnding;
import org.orgcert.server.lifecycle.EndReason;
import org.orgcert.server.web.Actor;
import org.orgcert.server.web.ApiProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /my/certificates/{serial}}: one of the agent's certificates — expiry and days left; renewal (R-REN-1..3)
 * and unlocking through the USB-key assistant's local API, called by the page's small script
 * ({@code /assets/my-key.js}) because only the assistant can reach the key; and reporting loss, damage or
 * cancellation ({@link CertificateEnding}, R-FEE-2) as a plain form with a confirmation step, since it
 * revokes the certificate for good. Another employer's certificate is the 404 page.
 */
@Controller
class MyCertificatePage {
    static final List<EndReason> REASONS = List.of(EndReason.LOST, EndReason.DAMAGED, EndReason.CANCELLED);

    private final CertificateStore certificates;
    private final CertificateEnding ending;
    private final Clock clock;

    MyCertificatePage(CertificateStore certificates, CertificateEnding ending, Clock clock) {
        this.certificates = certificates;
        this.ending = ending;
        this.clock = clock;
    }

    @GetMapping(PortalPaths.MY_CERTIFICATE)
    String certificate(@PathVariable String serial, Actor.EmployerAgent agent, Model model) {
        return show(own(serial, agent), model);
    }

    /** First the confirmation (what it means, in words), then the report itself with {@code confirmed}. */
    @PostMapping(PortalPaths.MY_CERTIFICATE_END)
    String end(@PathVariable String serial, @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "confirmed", required = false) String confirmed, Actor.EmployerAgent agent,
            Model model) {
        CertificateRecord certificate = own(serial, agent);
        EndReason chosen = REASONS.stream().filter(r -> r.name().equals(reason)).findFirst().orElse(null);
        if (chosen == null) {
            model.addAttribute("reasonError", true);
            return show(certificate, model);
        }
        if (!"yes".equals(confirmed)) {
            model.addAttribute("confirmReason", chosen);
            return show(certificate, model);
        }
        ending.report(certificate.serial(), chosen, agent);
        return "redirect:/my/certificates/" + certificate.serial().toString(16) + "?ended";
    }

    private String show(CertificateRecord certificate, Model model) {
        model.addAttribute("certificate", MyHomePage.CertificateLine.of(certificate, ShanghaiTime.today(clock)));
        model.addAttribute("reasons", REASONS);
        return "portal/my/certificate";
    }

    /** The certificate if it is one of the agent's employers'; others are 404 like unknown ones. */
    private CertificateRecord own(String serial, Actor.EmployerAgent agent) {
        BigInteger number;
        try {
            number = new BigInteger(serial, 16);
        } catch (NumberFormatException e) {
            throw notFound(serial);
        }
        return certificates.findBySerial(number).filter(c -> agent.actsFor(c.uscc().value()))
                .orElseThrow(() -> notFound(serial));
    }

    private static ApiProblem notFound(String serial) {
        return ApiProblem.notFound("unknown-certificate", "no certificate " + serial + " of your employers");
    }
}
