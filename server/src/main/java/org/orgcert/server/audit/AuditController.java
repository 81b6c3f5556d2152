package org.orgcert.server.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/verify}: checks the log and names what is broken (409), or why it could not (503). */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {
    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/verify")
    ResponseEntity<Map<String, Object>> verify() {
        AuditVerification result = log.verify();
        if (result instanceof AuditVerification.Intact intact) {
            return ResponseEntity.ok(Map.of("intact", true, "records", intact.records(), "pending", intact.pending(),
                    "lastCheckpoint", intact.lastCheckpoint().map(c -> (Object) c.at().toString()).orElse("")));
        }
        if (result instanceof AuditVerification.Broken broken) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("intact", false);
            body.put("records", broken.records());
            body.put("firstBrokenRecord", broken.firstBrokenSeq());
            body.put("reason", broken.summary());
            broken.truncation().ifPresent(t -> body.put("truncation", t));
            body.put("brokenLinks", broken.brokenLinks());
            body.put("forgedRecordIds", broken.forgedRecordIds());
            body.put("unchainedRecordIds", broken.unchainedRecordIds());
            broken.removal().ifPresent(reason -> body.put("removal", reason));
            return ResponseEntity.status(409).body(body);
        }
        return ResponseEntity.status(503).body(Map.of("intact", false, "unverifiable",
                ((AuditVerification.Unverifiable) result).reason()));
    }
}
