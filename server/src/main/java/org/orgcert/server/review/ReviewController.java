package org.orgcert.server.review;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Review endpoints: run the insurance check, record the phone confirmation, import the bundled registry. */
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
    ReviewResult check(@PathVariable UUID id,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return review.check(id, actor);
    }

    @GetMapping("/api/v1/applications/{id}/review")
    ReviewResult latest(@PathVariable UUID id) {
        return review.latest(id).orElseThrow(() -> ApiProblem.notFound("not-reviewed", "no review check yet"));
    }

    @PostMapping("/api/v1/applications/{id}/review/phone-confirmation")
    ReviewResult confirm(@PathVariable UUID id, @RequestBody PhoneConfirmation request,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        return review.phoneConfirmation(id, request.agreed(), actor);
    }

    @PostMapping(value = "/api/v1/registry/import", consumes = "text/csv")
    Map<String, Object> importCsv(@RequestBody byte[] csv,
            @RequestHeader(value = "X-OrgCert-Actor", defaultValue = "staff") String actor) {
        if (csv.length > MAX_CSV) {
            throw ApiProblem.badRequest("too-large", "the registry file is over " + (MAX_CSV >> 20) + " MB");
        }
        int count = registry.importCsv(
                new InputStreamReader(new java.io.ByteArrayInputStream(csv), StandardCharsets.UTF_8), actor);
        return Map.of("imported", count);
    }
}
