package org.orgcert.server.application;

import org.orgcert.server.employer.EmployerType;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.web.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/applications}: submit, read, move through the process. The acting user comes from the
 * {@code X-OrgCert-Actor} header until the account capability signs people in.
 */
@RestController
@RequestMapping("/api/v1/applications")
class ApplicationController {
    private final ApplicationService service;
    private final ProductionStep production;

    ApplicationController(ApplicationService service, ProductionStep production) {
        this.service = service;
        this.production = production;
    }

    /** The form as JSON: plain strings, so that every field's problem can be reported, not just the first. */
    record SubmitRequest(ApplicationKind kind, String employerName, String uscc, EmployerType category,
            String legalRepresentative, boolean legalRepInPerson, String agentName, Channel channel,
            Delivery delivery, String windowId, MailingAddress mailingAddress) {
    }

    /** An application as the API shows it. */
    record ApplicationView(UUID id, String number, ApplicationKind kind, String employerName, String uscc,
            ApplicationState state, Channel channel, Delivery delivery, String windowId, Instant submittedAt,
            LocalDate productionDue, LocalDate productionOverdueSince, String waybill, String certificateSerial, List<MaterialItem> requiredMaterials,
            List<MaterialItem> missingMaterials, int version) {

        static ApplicationView of(Application a) {
            return new ApplicationView(a.id(), a.number(), a.form().kind(), a.form().employerName(),
                    a.form().uscc().value(), a.state(), a.form().channel(), a.form().delivery(), a.form().windowId(),
                    a.submittedAt(), a.productionDue(), a.overdueSince(), a.waybill(), a.certificateSerial(),
                    a.requiredMaterials(),
                    a.missingMaterials(), a.version());
        }
    }

    record EventRequest(String reason) {
    }

    /**
     * What the production station prints on the delivery slip: the certificate, the key's serial and, on
     * the call that set it, the initial PIN (sealed in the slip's envelope; the service keeps no copy).
     */
    record ProducedView(ApplicationView application, String certificateSerial, String tokenSerial,
            String initialPinForSlip) {
    }

    record ShipRequest(String waybill) {
    }

    record BatchRequest(String windowId, List<UUID> applicationIds) {
    }

    @PostMapping
    ResponseEntity<ApplicationView> submit(@RequestBody SubmitRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        Uscc uscc;
        try {
            uscc = Uscc.parse(request.uscc());
        } catch (PkiException e) {
            throw ApiProblem.invalidFields("the USCC is not valid", Map.of("uscc", e.getMessage()));
        }
        Application application = service.submit(new SubmitApplication(request.kind(), request.employerName(), uscc,
                request.category(), request.legalRepresentative(), request.legalRepInPerson(), request.agentName(),
                request.channel(), request.delivery(), request.windowId(), request.mailingAddress()),
                idempotencyKey, actor);
        return ResponseEntity.created(URI.create("/api/v1/applications/" + application.id()))
                .body(ApplicationView.of(application));
    }

    @GetMapping("/{id}")
    ApplicationView get(@PathVariable UUID id) {
        return ApplicationView.of(service.get(id));
    }

    @GetMapping
    List<ApplicationView> queue(@RequestParam ApplicationState state,
            @RequestParam(required = false) String windowId, @RequestParam(defaultValue = "100") int limit) {
        return service.queue(state, windowId, limit).stream().map(ApplicationView::of).toList();
    }

    @PostMapping("/{id}/events/{event}")
    ApplicationView apply(@PathVariable UUID id, @PathVariable ApplicationEvent event,
            @RequestBody(required = false) EventRequest request,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return ApplicationView.of(service.apply(id, event, actor, request == null ? null : request.reason()));
    }

    @PostMapping("/{id}/produce")
    ProducedView produce(@PathVariable UUID id,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        ProductionStep.Produced produced = production.produce(id, actor);
        String pin = produced.result().initialPin().map(p -> {
            char[] chars = p.reveal();
            String text = new String(chars);
            java.util.Arrays.fill(chars, '\0');
            p.wipe();
            return text;
        }).orElse(null);
        return new ProducedView(ApplicationView.of(produced.application()),
                produced.result().certificate().serialHex(), produced.result().tokenSerial(), pin);
    }

    @PostMapping("/{id}/ship")
    ApplicationView ship(@PathVariable UUID id, @RequestBody ShipRequest request,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return ApplicationView.of(service.ship(id, request.waybill(), actor));
    }

    @PostMapping("/{id}/materials/{item}")
    ApplicationView tick(@PathVariable UUID id, @PathVariable MaterialItem item,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return ApplicationView.of(service.tick(id, item, actor));
    }

    @DeleteMapping("/{id}/materials/{item}")
    ApplicationView untick(@PathVariable UUID id, @PathVariable MaterialItem item,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return ApplicationView.of(service.untick(id, item, actor));
    }

    @PostMapping("/batches")
    Map<String, Object> forward(@RequestBody BatchRequest request,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return Map.of("batchId", service.forwardBatch(request.windowId(), request.applicationIds(), actor));
    }
}
