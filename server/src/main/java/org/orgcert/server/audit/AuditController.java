package org.orgcert.server.audit;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/verify}: checks the chain and names the first broken record. */
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
            return ResponseEntity.ok(Map.of("intact", true, "records", intact.records()));
        }
        AuditVerification.Broken broken = (AuditVerification.Broken) result;
        return ResponseEntity.status(409).body(Map.of("intact", false, "firstBrokenRecord", broken.seq(),
                "reason", broken.reason()));
    }
}
