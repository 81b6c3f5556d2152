package org.orgcert.server.review;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Review endpoints: run the insurance check, record the phone confirmation, import the bundled registry.
 * Roles (CA_REVIEWER; CA_SERVICE for the phone; BUREAU_ADMIN or CA_REVIEWER to import) are checked by the
 * account capability's security configuration; the actor is the signed-in {@link Actor}.
 */
@RestController
class ReviewController {
    /** A registry file larger than this is refused unread (a city's employers fit in a few MB). */
    private static final int MAX_CSV = 50 * 1024 * 1024;

    private final ReviewService review;
    private final BundledInsuranceRegistry registry;

    ReviewController(ReviewService review, BundledInsuranceRegistry registry) {
        this.review = review;
        this.registry = registry;
    }

    record PhoneConfirmation(boolean agreed) {
    }

    @PostMapping("/api/v1/applications/{id}/review/check")
    ReviewResult check(@PathVariable UUID id, Actor actor) {
        return review.check(id, actor);
    }

    @GetMapping("/api/v1/applications/{id}/review")
    ReviewResult latest(@PathVariable UUID id) {
        return review.latest(id).orElseThrow(() -> ReviewRefusal.NOT_REVIEWED.refuse("no review check yet"));
    }

    @PostMapping("/api/v1/applications/{id}/review/phone-confirmation")
    ReviewResult confirm(@PathVariable UUID id, @RequestBody PhoneConfirmation request, Actor actor) {
        return review.phoneConfirmation(id, request.agreed(), actor);
    }

    @PostMapping(value = "/api/v1/registry/import", consumes = "text/csv")
    Map<String, Object> importCsv(@RequestBody byte[] csv, Actor actor) {
        if (csv.length > MAX_CSV) {
            throw ReviewRefusal.TOO_LARGE.refuse("the registry file is over " + (MAX_CSV >> 20) + " MB");
        }
        int count = registry.importCsv(
                new InputStreamReader(new java.io.ByteArrayInputStream(csv), StandardCharsets.UTF_8), actor.auditName());
        return Map.of("imported", count);
    }
}
