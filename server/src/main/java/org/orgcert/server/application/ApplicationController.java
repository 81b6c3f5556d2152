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
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
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
 * {@code /api/v1/applications}: submit, read, move through the process. The acting user is the signed-in
 * {@link Actor}; the service's use cases decide what they may see and do, before anything changes.
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
            Delivery delivery, String windowId, MailingAddress mailingAddress, String replacesSerial) {
    }

    /** An application as the API shows it. */
    record ApplicationView(UUID id, String number, ApplicationKind kind, String employerName, String uscc,
            ApplicationState state, Channel channel, Delivery delivery, String windowId, Instant submittedAt,
            LocalDate productionDue, LocalDate productionOverdueSince, String waybill, String certificateSerial, List<MaterialItem> requiredMaterials,
            List<MaterialItem> missingMaterials, String forwardNote, String replacesSerial, int version) {

        static ApplicationView of(Application a) {
            return new ApplicationView(a.id(), a.number(), a.form().kind(), a.form().employerName(),
                    a.form().uscc().value(), a.state(), a.form().channel(), a.form().delivery(), a.form().windowId(),
                    a.submittedAt(), a.productionDue(), a.overdueSince(), a.waybill(), a.certificateSerial(),
                    a.requiredMaterials(),
                    a.missingMaterials(), a.forwardNote(), a.form().replacesSerial(), a.version());
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

    /** A batch of a window; {@code reason} is required when an application lacks papers (R-MAT, R-CH-4). */
    record BatchRequest(String windowId, List<UUID> applicationIds, String reason) {
    }

    @PostMapping
    ResponseEntity<ApplicationView> submit(@RequestBody SubmitRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            Actor actor) {
        Uscc uscc;
        try {
            uscc = Uscc.parse(request.uscc());
        } catch (PkiException e) {
            throw Refusal.invalidFields("the USCC is not valid", Map.of("uscc", e.getMessage()));
        }
        SubmitApplication form = new SubmitApplication(request.kind(), request.employerName(), uscc,
                request.category(), request.legalRepresentative(), request.legalRepInPerson(), request.agentName(),
                request.channel(), request.delivery(), request.windowId(), request.mailingAddress(),
                request.replacesSerial());
        Application application = service.submit(form, idempotencyKey, actor);
        return ResponseEntity.created(URI.create("/api/v1/applications/" + application.id()))
                .body(ApplicationView.of(application));
    }

    @GetMapping("/{id}")
    ApplicationView get(@PathVariable UUID id, Actor actor) {
        return ApplicationView.of(service.get(id, actor));
    }

    @GetMapping
    List<ApplicationView> queue(@RequestParam ApplicationState state,
            @RequestParam(required = false) String windowId, @RequestParam(defaultValue = "100") int limit,
            Actor actor) {
        return service.queue(actor, state, windowId, limit).stream().map(ApplicationView::of).toList();
    }

    @PostMapping("/{id}/events/{event}")
    ApplicationView apply(@PathVariable UUID id, @PathVariable ApplicationEvent event,
            @RequestBody(required = false) EventRequest request,
            Actor actor) {
        return ApplicationView.of(service.apply(id, event, actor, request == null ? null : request.reason()));
    }

    @PostMapping("/{id}/produce")
    ProducedView produce(@PathVariable UUID id,
            Actor actor) {
        ProductionStep.Produced produced = production.produce(id, actor);
        return new ProducedView(ApplicationView.of(produced.application()),
                produced.result().certificate().serialHex(), produced.result().tokenSerial(),
                produced.initialPinForSlip());
    }

    @PostMapping("/{id}/ship")
    ApplicationView ship(@PathVariable UUID id, @RequestBody ShipRequest request,
            Actor actor) {
        return ApplicationView.of(service.ship(id, request.waybill(), actor));
    }

    @PostMapping("/{id}/materials/{item}")
    ApplicationView tick(@PathVariable UUID id, @PathVariable MaterialItem item,
            Actor actor) {
        return ApplicationView.of(service.tick(id, List.of(item), actor));
    }

    @DeleteMapping("/{id}/materials/{item}")
    ApplicationView untick(@PathVariable UUID id, @PathVariable MaterialItem item,
            Actor actor) {
        return ApplicationView.of(service.untick(id, item, actor));
    }

    @PostMapping("/batches")
    Map<String, Object> forward(@RequestBody BatchRequest request,
            Actor actor) {
        if (request.windowId() != null && actor instanceof Actor.Staff staff
                && staff.isClerkOfOtherWindow(request.windowId())) {
            throw ApplicationRefusal.OTHER_WINDOW.refuse("a clerk of window " + staff.windowId()
                    + " forwards that window's applications only");
        }
        return Map.of("batchId", service.forward(actor, request.applicationIds(), request.reason()));
    }
}
