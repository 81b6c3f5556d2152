package org.orgcert.server.portal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orgcert.server.application.Scans;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.lifecycle.CertificateEnding;
import org.orgcert.server.lifecycle.EndReason;
import org.orgcert.server.lifecycle.InformationChangeRequest;
import org.orgcert.server.lifecycle.InformationChangeRequests;
import org.orgcert.server.lifecycle.ReplacedCertificates;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /my/certificates/{serial}}: one of the agent's certificates — expiry and days left; renewal (R-REN-1..3)
 * and unlocking through the USB-key assistant's local API, called by the page's small script
 * ({@code /assets/my-key.js}) because only the assistant can reach the key; asking for an information change
 * with a scan of the paper ({@link InformationChangeRequests}, R-FEE-1 c) and following it to the new
 * certificate; reporting loss, damage or cancellation ({@link CertificateEnding}, R-FEE-2) as a plain form with
 * a confirmation step, since it revokes the certificate for good; and where the certificate is accepted
 * (R-USE-1..3). Another employer's certificate is the 404 page.
 */
@Controller
class MyCertificatePage {
    static final List<EndReason> REASONS = List.of(EndReason.LOST, EndReason.DAMAGED, EndReason.CANCELLED);
    /** The change form's fields with their own text ({@code my.cert.change.error.<field>}). */
    static final Set<String> CHANGE_FIELDS = Set.of("employerName", "legalRepresentative", "address", "reason");
    /** Refusals of the scan, said next to the file field ({@code my.cert.change.error.<type>}). */
    static final Set<String> SCAN_PROBLEMS = Set.of("empty-file", "file-too-large", "unsupported-file-type");
    /** Refusals of the request as a whole ({@code my.cert.change.error.<type>}). */
    static final Set<String> REQUEST_PROBLEMS = Set.of("nothing-changed", "change-pending", "certificate-not-valid",
            "already-renewed");

    private final CertificateStore certificates;
    private final CertificateEnding ending;
    private final InformationChangeRequests changes;
    private final KeyRefusalTexts keyRefusals;
    private final ReplacedCertificates replaced;
    private final Clock clock;

    MyCertificatePage(CertificateStore certificates, CertificateEnding ending, InformationChangeRequests changes,
            KeyRefusalTexts keyRefusals, ReplacedCertificates replaced, Clock clock) {
        this.replaced = replaced;
        this.certificates = certificates;
        this.ending = ending;
        this.changes = changes;
        this.keyRefusals = keyRefusals;
        this.clock = clock;
    }

    /** {@code ?fileTooLarge}: a change request beyond the servlet's limit, sent back by {@link UploadLimitFilter}. */
    @GetMapping(PortalPaths.MY_CERTIFICATE)
    String certificate(@PathVariable String serial,
            @RequestParam(name = UploadLimitFilter.TOO_LARGE, required = false) String tooLarge,
            Actor.EmployerAgent agent, Locale locale, Model model) {
        if (tooLarge != null) {
            model.addAttribute("changeErrors", Map.of("file", "my.cert.change.error.file-too-large"));
        }
        return show(own(serial, agent), agent, locale, model);
    }

    /** First the confirmation (what it means, in words), then the report itself with {@code confirmed}. */
    @PostMapping(PortalPaths.MY_CERTIFICATE_END)
    String end(@PathVariable String serial, @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "confirmed", required = false) String confirmed, Actor.EmployerAgent agent,
            Locale locale, Model model) {
        CertificateRecord certificate = own(serial, agent);
        EndReason chosen = REASONS.stream().filter(r -> r.name().equals(reason)).findFirst().orElse(null);
        if (chosen == null) {
            model.addAttribute("reasonError", true);
            return show(certificate, agent, locale, model);
        }
        if (!"yes".equals(confirmed)) {
            model.addAttribute("confirmReason", chosen);
            return show(certificate, agent, locale, model);
        }
        ending.report(certificate.serial(), chosen, agent);
        return "redirect:/my/certificates/" + certificate.serial().toString(16) + "?ended";
    }

    /**
     * The agent asks for an information change (R-FEE-1 c). A refusal is said next to its field in the reader's
     * language, with the answers kept; nothing is stored then.
     */
    @PostMapping(PortalPaths.MY_CERTIFICATE_CHANGE)
    String requestChange(@PathVariable String serial,
            @RequestParam(name = "employerName", required = false) String employerName,
            @RequestParam(name = "legalRepresentative", required = false) String legalRepresentative,
            @RequestParam(name = "address", required = false) String address,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "file", required = false) MultipartFile file, Actor.EmployerAgent agent,
            Locale locale, Model model) throws IOException {
        CertificateRecord certificate = own(serial, agent);
        InformationChangeRequest.Information asked = new InformationChangeRequest.Information(employerName,
                legalRepresentative, address);
        try {
            changes.request(certificate.serial(), asked, reason, file == null ? null : file.getOriginalFilename(),
                    file == null ? null : file.getBytes(), agent);
        } catch (Refusal problem) {
            model.addAttribute("changeErrors", changeErrors(problem));
            model.addAttribute("changeForm", asked);
            model.addAttribute("changeReason", reason);
            return show(certificate, agent, locale, model);
        }
        return "redirect:/my/certificates/" + certificate.serial().toString(16) + "?changeRequested#change-request";
    }

    /** A refused request's problems: field → text key ({@code form} for the request as a whole). */
    static Map<String, String> changeErrors(Refusal problem) {
        String prefix = "my.cert.change.error.";
        if (SCAN_PROBLEMS.contains(problem.type())) {
            return Map.of("file", prefix + problem.type());
        }
        if (REQUEST_PROBLEMS.contains(problem.type())) {
            return Map.of("form", prefix + problem.type());
        }
        return FieldMessages.of(problem, prefix, CHANGE_FIELDS);
    }

    private String show(CertificateRecord certificate, Actor.EmployerAgent agent, Locale locale, Model model) {
        model.addAttribute("keyRefusals", keyRefusals.json(locale));
        model.addAttribute("maxScanBytes", Scans.MAX_BYTES); // upload-limit.js refuses larger files before sending
        model.addAttribute("certificate", MyHomePage.CertificateLine.of(certificate, ShanghaiTime.today(clock)));
        model.addAttribute("uscc", certificate.uscc().value());
        model.addAttribute("reasons", REASONS);
        List<InformationChangeRequest> requests = changes.ofCertificate(certificate.serial(), agent);
        InformationChangeRequest latest = requests.isEmpty() ? null : requests.get(0);
        model.addAttribute("changeRequest", latest);
        if (latest != null) {
            model.addAttribute("changeRequestedOn", ShanghaiTime.dateOf(latest.requestedAt()));
            if (latest.state() == InformationChangeRequest.State.APPROVED) {
                certificates.findSuccessor(certificate.serial()).ifPresent(successor -> {
                    model.addAttribute("successor", MyHomePage.CertificateLine.of(successor, ShanghaiTime.today(clock)));
                    // Until the assistant confirms the new one on the key, the old one stays valid (issue 11).
                    model.addAttribute("successorOnKey", successor.onKeyAt() != null);
                });
                replaced.validUntil(certificate).ifPresent(until ->
                        model.addAttribute("oldValidUntil", ShanghaiTime.dateOf(until)));
            }
        }
        boolean pending = latest != null && latest.state() == InformationChangeRequest.State.PENDING;
        if (!pending && certificate.state() == CertificateState.VALID) {
            model.addAttribute("currentInformation", changes.current(certificate));
        }
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

    private static Refusal notFound(String serial) {
        return PortalRefusal.UNKNOWN_CERTIFICATE.refuse("no certificate " + serial + " of your employers");
    }
}
