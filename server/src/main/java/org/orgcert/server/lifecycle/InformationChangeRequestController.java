package org.orgcert.server.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.lifecycle.InformationChangeRequest.Information;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Information-change requests over REST (R-FEE-1 c): the employer's agent files one with the supporting
 * paper (multipart) and follows it; customer service lists the pending ones, reads the scan and approves or
 * rejects. Approval is the change itself; the answer then names the successor the assistant writes to the key
 * ({@code GET /api/v1/certificates/{serial}/successor}, {@code orgcert-key fetch-successor}).
 */
@RestController
class InformationChangeRequestController {
    private final InformationChangeRequests requests;
    private final CertificateStore certificates;

    InformationChangeRequestController(InformationChangeRequests requests, CertificateStore certificates) {
        this.requests = requests;
        this.certificates = certificates;
    }

    record Rejection(String reason) {
    }

    /** The agent asks; fields left out stay as they are. A USCC is not among them (R-CERT-5). */
    @PostMapping(value = "/api/v1/certificates/{serial}/information-change-requests",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> request(@PathVariable String serial,
            @RequestParam(required = false) String employerName,
            @RequestParam(required = false) String legalRepresentative,
            @RequestParam(required = false) String address, @RequestParam(required = false) String reason,
            @RequestParam(name = "file", required = false) MultipartFile file, Actor actor) {
        try {
            return view(requests.request(LifecycleController.serial(serial),
                    new Information(employerName, legalRepresentative, address), reason,
                    file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes(), actor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/certificates/{serial}/information-change-requests")
    List<Map<String, Object>> ofCertificate(@PathVariable String serial, Actor actor) {
        return requests.ofCertificate(LifecycleController.serial(serial), actor).stream().map(this::view).toList();
    }

    /** Customer service's queue, oldest first. */
    @GetMapping("/api/v1/information-change-requests")
    List<Map<String, Object>> pending(Actor actor) {
        actor.require("the information-change queue", StaffRole.CA_SERVICE);
        return requests.pending().stream().map(this::view).toList();
    }

    @GetMapping("/api/v1/information-change-requests/{id}")
    Map<String, Object> one(@PathVariable UUID id, Actor actor) {
        return view(requests.get(id, actor));
    }

    /** The supporting paper, as an attachment of its recognised type (never rendered as something else). */
    @GetMapping("/api/v1/information-change-requests/{id}/scan")
    ResponseEntity<byte[]> scan(@PathVariable UUID id, Actor actor) {
        InformationChangeRequests.Content content = requests.scan(id, actor);
        InformationChangeRequest.Scan scan = content.request().scan();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(scan.type().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(scan.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff").body(content.bytes());
    }

    @PostMapping("/api/v1/information-change-requests/{id}/approve")
    Map<String, Object> approve(@PathVariable UUID id, Actor actor) {
        return view(requests.approve(id, actor));
    }

    @PostMapping("/api/v1/information-change-requests/{id}/reject")
    Map<String, Object> reject(@PathVariable UUID id, @RequestBody Rejection rejection, Actor actor) {
        return view(requests.reject(id, rejection.reason(), actor));
    }

    /** The request, with the successor's serial once approved (what the assistant fetches). */
    private Map<String, Object> view(InformationChangeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", request.id());
        body.put("certificateSerial", request.certificateSerialHex());
        body.put("state", request.state());
        body.put("current", request.current());
        body.put("requested", request.requested());
        body.put("reason", request.reason());
        body.put("scan", request.scan());
        body.put("requestedBy", request.requestedBy());
        body.put("requestedAt", request.requestedAt());
        if (request.decidedAt() != null) {
            body.put("decidedBy", request.decidedBy());
            body.put("decidedAt", request.decidedAt());
        }
        if (request.rejectionReason() != null) {
            body.put("rejectionReason", request.rejectionReason());
        }
        if (request.state() == InformationChangeRequest.State.APPROVED) {
            certificates.findSuccessor(request.certificateSerial())
                    .ifPresent(successor -> body.put("successor", successor.serialHex()));
        }
        return body;
    }
}
