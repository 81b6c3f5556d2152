package org.orgcert.server.employer;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/employers}: register, read, change, and the staff decisions on type and jurisdiction.
 * Responses are {@link EmployerResponse}, always masked; there is no endpoint that reveals an unmasked ID or
 * mobile number (see {@link EmployerDirectory#legalRepresentativeForForms} for documents).
 *
 * <p>The actor is the signed-in staff member ({@link Actor}); reading needs a staff role, changing one
 * other than AUDITOR (the account capability's security configuration).
 */
@RestController
@RequestMapping("/api/v1/employers")
class EmployerController {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final EmployerService service;
    private final EmployerDirectory directory;
    private final Clock clock;

    EmployerController(EmployerService service, EmployerDirectory directory, Clock clock) {
        this.service = service;
        this.directory = directory;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<EmployerResponse> create(@RequestBody EmployerRequest request,
            Actor actor) {
        EmployerView created = service.create(EmployerForm.forCreate(request, today()), actor.auditName());
        return ResponseEntity.created(URI.create("/api/v1/employers/" + created.id()))
                .body(EmployerResponse.of(created));
    }

    @GetMapping("/{id}")
    EmployerResponse get(@PathVariable("id") UUID id) {
        return directory.find(id).map(EmployerResponse::of).orElseThrow(() -> notFound("there is no employer " + id));
    }

    /** {@code GET /api/v1/employers?uscc=…}: the one employer with that USCC, or 404. */
    @GetMapping(params = "uscc")
    EmployerResponse findByUscc(@RequestParam("uscc") String uscc) {
        Uscc parsed;
        try {
            parsed = Uscc.parse(uscc);
        } catch (PkiException e) {
            throw EmployerRefusal.INVALID_USCC.refuse(e.getMessage());
        }
        return directory.findByUscc(parsed).map(EmployerResponse::of)
                .orElseThrow(() -> notFound("there is no employer with USCC " + parsed));
    }

    /** Changes the fields present; {@code version} is required; a different {@code uscc} is refused. */
    @PatchMapping("/{id}")
    EmployerResponse update(@PathVariable("id") UUID id, @RequestBody EmployerRequest request,
            Actor actor) {
        return EmployerResponse.of(service.update(id, EmployerForm.forUpdate(request, today()), actor.auditName()));
    }

    @PutMapping("/{id}/type")
    EmployerResponse confirmType(@PathVariable("id") UUID id, @RequestBody EmployerRequest.TypeDecision decision,
            Actor actor) {
        FieldErrors errors = new FieldErrors();
        EmployerType type = EmployerForm.type(decision, errors);
        long version = EmployerForm.version(errors, decision.version());
        errors.throwIfAny();
        return EmployerResponse.of(service.confirmType(id, version, type, actor.auditName()));
    }

    @PutMapping("/{id}/jurisdiction")
    EmployerResponse overrideJurisdiction(@PathVariable("id") UUID id,
            @RequestBody EmployerRequest.JurisdictionDecision decision,
            Actor actor) {
        FieldErrors errors = new FieldErrors();
        Jurisdiction jurisdiction = EmployerForm.jurisdiction(decision, errors);
        long version = EmployerForm.version(errors, decision.version());
        errors.throwIfAny();
        return EmployerResponse.of(service.overrideJurisdiction(id, version, jurisdiction, actor.auditName()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    private static Refusal notFound(String detail) {
        return EmployerRefusal.EMPLOYER_NOT_FOUND.refuse(detail);
    }
}
