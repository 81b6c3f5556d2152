package org.orgcert.server.application;

import java.time.Instant;
import java.util.UUID;

/**
 * A scanned paper uploaded with an application (its content is read separately).
 *
 * @param item     which required paper it is (R-MAT-1..5)
 * @param filename the name it was uploaded with, for people only
 * @param sha256   hex of its SHA-256, for checking a printout against the upload
 */
public record ApplicationDocument(UUID id, UUID applicationId, MaterialItem item, String filename, ScanType type,
        int sizeBytes, String sha256, String uploadedBy, Instant uploadedAt) {
}
