package org.orgcert.server.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The latest review check of an application.
 *
 * @param applicationId the application
 * @param outcome       what was found
 * @param records       the insurance records found
 * @param differences   for MISMATCH: the fields that differ
 * @param checkedBy     who ran the check
 * @param checkedAt     when
 */
public record ReviewResult(UUID applicationId, ReviewOutcome outcome, List<InsuranceRecord> records,
        List<FieldDifference> differences, String checkedBy, Instant checkedAt) {
}
