package org.orgcert.server.lifecycle;

import java.math.BigInteger;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.billing.Charge;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API after issuance: remote renewal (no session: the current key's signature is the proof),
 * successor certificates (public), loss/damage/cancellation reports, information changes and unlock
 * requests. The employer's USB-key assistant ({@code orgcert-key}) and the portal call these.
 */
@RestController
class LifecycleController {
    private final Renewals renewals;
    private final CertificateStore certificates;
    private final CertificateEnding ending;
    private final InformationChanges changes;
    private final UnlockRequests unlocks;
    private final SuccessorsOnKey onKey;
    private final ReplacedCertificates replacedCertificates;

    LifecycleController(Renewals renewals, CertificateStore certificates, CertificateEnding ending,
            InformationChanges changes, UnlockRequests unlocks, SuccessorsOnKey onKey,
            ReplacedCertificates replacedCertificates) {
        this.onKey = onKey;
        this.replacedCertificates = replacedCertificates;
        this.renewals = renewals;
        this.certificates = certificates;
        this.ending = ending;
        this.changes = changes;
        this.unlocks = unlocks;
    }

    record ChallengeRequest(String serial) {
    }

    record RenewalRequest(String serial, String nonce, String signature) {
    }

    record EndRequest(EndReason reason) {
    }

    /** {@code responseKeyHash}: SHA-256 (hex) of the secret the requesting assistant made; it alone gets the response. */
    record UnlockRequestBody(String tokenSerial, String challenge, String responseKeyHash) {
    }

    record ResponseSecret(String secret) {
    }

    record Rejection(String reason) {
    }

    record OnKey(String signature) {
    }

    /** R-REN-1/2: a challenge for the current key to sign. */
    @PostMapping("/api/v1/renewals/challenge")
    Map<String, Object> challenge(@RequestBody ChallengeRequest request) {
        BigInteger serial = serial(request.serial());
        Renewals.Challenge challenge = renewals.challenge(serial, keyHolder(serial));
        return Map.of("serial", challenge.serial(), "nonce", challenge.nonce(), "expiresAt", challenge.expiresAt(),
                "toBeSigned", Base64.getEncoder().encodeToString(challenge.toBeSigned()));
    }

    /**
     * R-REN-1..3: the renewed certificate for the signed challenge (201), or, for a paid renewal, 202 with what
     * to pay; the certificate is then issued when the transfer is matched and fetched as the successor.
     */
    @PostMapping("/api/v1/renewals")
    ResponseEntity<Map<String, Object>> renew(@RequestBody RenewalRequest request) {
        BigInteger serial = serial(request.serial());
        Renewals.Renewed renewed = renewals.renew(serial, request.nonce(), base64(request.signature(), "signature"),
                keyHolder(serial));
        Map<String, Object> body = renewed.certificate() == null ? new LinkedHashMap<>()
                : certificate(renewed.certificate());
        body.put("applicationId", renewed.applicationId());
        body.put("state", renewed.state());
        body.put("fee", Map.of("payableFen", renewed.payable().value(), "rule", String.join(", ",
                renewed.charges().stream().map(Charge::rule).distinct().toList()), "lines", renewed.charges()));
        return ResponseEntity.status(renewed.certificate() == null ? HttpStatus.ACCEPTED : HttpStatus.CREATED).body(body);
    }

    /** The certificate that renews or replaces {@code serial}, for the assistant to write to the key. */
    @GetMapping("/api/v1/certificates/{serial}/successor")
    Map<String, Object> successor(@PathVariable String serial) {
        CertificateRecord successor = certificates.findSuccessor(serial(serial))
                .filter(c -> c.certificate().isPresent())
                .orElseThrow(() -> LifecycleRefusal.NO_SUCCESSOR.refuse("Certificate " + serial
                        + " has no renewed or changed successor."));
        Map<String, Object> body = certificate(successor);
        // An information change replaces its predecessor; a renewal leaves it valid until it expires.
        body.put("reason", successor.replacesPredecessor() ? "INFO_CHANGE" : "RENEWAL");
        return body;
    }

    /**
     * The assistant wrote successor {@code serial} to the key: its key's signature over
     * {@code "orgcert-on-key\n" + serial} proves it; what it replaces is then revoked (superseded).
     */
    @PostMapping("/api/v1/certificates/{serial}/on-key")
    Map<String, Object> onKey(@PathVariable String serial, @RequestBody OnKey request) {
        CertificateRecord confirmed = onKey.confirm(serial(serial), base64(request.signature(), "signature"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serial", confirmed.serialHex());
        body.put("onKeyAt", confirmed.onKeyAt());
        if (confirmed.predecessor() != null) {
            certificates.findBySerial(confirmed.predecessor()).ifPresent(p -> {
                body.put("predecessor", p.serialHex());
                body.put("predecessorState", p.state());
            });
        }
        return body;
    }

    /** R-FEE-2: a lost (keyCompromise), damaged or cancelled certificate is revoked at once. */
    @PostMapping("/api/v1/certificates/{serial}/revocation")
    Map<String, Object> end(@PathVariable String serial, @RequestBody EndRequest request, Actor actor) {
        CertificateRecord revoked = ending.report(serial(serial), request.reason(), actor);
        CertificateRecord now = certificates.findBySerial(revoked.serial()).orElseThrow();
        return Map.of("serial", now.serialHex(), "state", now.state(), "reason", request.reason().rfcName(),
                "revokedAt", now.revokedAt());
    }

    /** R-FEE-1 c: customer service changes the name, legal representative or address. */
    @PostMapping("/api/v1/certificates/{serial}/information-change")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> changeInformation(@PathVariable String serial, @RequestBody InformationChanges.Change change,
            Actor actor) {
        actor.require("an information change", StaffRole.CA_SERVICE);
        InformationChanges.Changed changed = changes.change(serial(serial), change, actor.auditName());
        Map<String, Object> body = certificate(changed.certificate());
        body.put("applicationId", changed.applicationId());
        // The old certificate stays valid until the assistant confirms the new one on the key, or the grace ends.
        body.put("replaces", changed.replaced().serialHex());
        replacedCertificates.validUntil(changed.replaced()).ifPresent(until -> body.put("replacedValidUntil", until));
        return body;
    }

    /** R-FEE-1 d: the agent files the locked key's challenge. */
    @PostMapping("/api/v1/unlock-requests")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> requestUnlock(@RequestBody UnlockRequestBody request, Actor actor) {
        return summary(unlocks.request(request.tokenSerial(), request.challenge(), request.responseKeyHash(), actor));
    }

    @GetMapping("/api/v1/unlock-requests/{id}")
    Map<String, Object> unlockRequest(@PathVariable UUID id, Actor actor) {
        return summary(unlocks.find(id, actor).orElseThrow(() -> LifecycleRefusal.UNKNOWN_REQUEST.refuse("No unlock request " + id + " of yours.")));
    }

    @GetMapping("/api/v1/unlock-requests")
    List<Map<String, Object>> pendingUnlocks(Actor actor) {
        actor.require("the unlock queue", StaffRole.CA_SERVICE);
        return unlocks.pending().stream().map(this::summary).toList();
    }

    @PostMapping("/api/v1/unlock-requests/{id}/approve")
    Map<String, Object> approveUnlock(@PathVariable UUID id, Actor actor) {
        return summary(unlocks.decide(id, true, null, actor));
    }

    @PostMapping("/api/v1/unlock-requests/{id}/reject")
    Map<String, Object> rejectUnlock(@PathVariable UUID id, @RequestBody Rejection rejection, Actor actor) {
        return summary(unlocks.decide(id, false, rejection.reason(), actor));
    }

    /**
     * The bureau's one-time response, for the assistant that filed the request only: authenticated by the secret it
     * made then (no session; the secret's SHA-256 came with the request). Never on GET, in a list or on a page.
     */
    @PostMapping("/api/v1/unlock-requests/{id}/response")
    Map<String, Object> unlockResponse(@PathVariable UUID id, @RequestBody ResponseSecret secret) {
        UnlockRequests.Response answer = unlocks.response(id, secret.secret());
        Map<String, Object> body = summary(answer.request());
        body.put("response", answer.response());
        return body;
    }

    /** Never the response: a person reading a request (agent or staff) must not be able to unlock the key. */
    private Map<String, Object> summary(UnlockRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", request.id());
        body.put("tokenSerial", request.tokenSerial());
        body.put("certificateSerial", request.certificateSerial().toString(16).toUpperCase(java.util.Locale.ROOT));
        body.put("applicationId", request.applicationId());
        body.put("state", request.state());
        body.put("requestedBy", request.requestedBy());
        body.put("requestedAt", request.requestedAt());
        if (request.reason() != null) {
            body.put("reason", request.reason());
        }
        return body;
    }

    private static Map<String, Object> certificate(CertificateRecord certificate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serial", certificate.serialHex());
        body.put("certificate", Base64.getEncoder().encodeToString(certificate.certificate().orElseThrow()));
        body.put("notBefore", certificate.notBefore());
        body.put("notAfter", certificate.notAfter());
        body.put("predecessor", certificate.predecessor() == null ? null
                : certificate.predecessor().toString(16).toUpperCase(java.util.Locale.ROOT));
        return body;
    }

    private static String keyHolder(BigInteger serial) {
        return "key-holder:" + serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    static BigInteger serial(String hex) {
        if (hex == null || !hex.strip().matches("[0-9A-Fa-f]{1,40}")) {
            throw Refusal.invalidFields("not a certificate serial", Map.of("serial",
                    "the certificate serial in hexadecimal, as the assistant shows it"));
        }
        return new BigInteger(hex.strip(), 16);
    }

    private static byte[] base64(String value, String field) {
        try {
            return Base64.getDecoder().decode(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields("not base64", Map.of(field, "base64 of the DER signature"));
        }
    }
}
