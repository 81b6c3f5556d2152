package org.orgcert.server.application;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.web.Actor;
import org.orgcert.server.web.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scans of the required papers uploaded with an application (R-MAT-1..5): PDF, JPEG or PNG by content, at most
 * 10 MB each, while the application's materials are still open; each upload audited with its size and hash,
 * never its content. Who may upload or read is who may see the application ({@link ApplicationAccess}).
 */
@Service
public class ApplicationDocuments {
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    private final JdbcTemplate jdbc;
    private final ApplicationService applications;
    private final AuditLog audit;
    private final Clock clock;

    ApplicationDocuments(JdbcTemplate jdbc, ApplicationService applications, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores a scan of {@code item}.
     *
     * @throws ApiProblem 413 {@code file-too-large}; 415 {@code unsupported-file-type} (also for a disguised
     *                    file); 400 {@code empty-file}, {@code material-not-required}; 409 {@code materials-closed}
     */
    @Transactional
    public ApplicationDocument upload(UUID applicationId, MaterialItem item, String filename, byte[] content,
            Actor actor) {
        Application application = applications.getFor(applicationId, actor);
        applications.requireMaterialsOpen(application, item);
        if (content == null || content.length == 0) {
            throw ApiProblem.badRequest("empty-file", "The file is empty.");
        }
        if (content.length > MAX_BYTES) {
            throw ApiProblem.payloadTooLarge("file-too-large", "A scan may have at most 10 MB; this one has "
                    + (content.length / 1024 / 1024) + " MB. Scan at a lower resolution or as PDF.");
        }
        ScanType type = ScanType.of(content).orElseThrow(() -> ApiProblem.unsupportedMediaType("unsupported-file-type",
                "Only PDF, JPEG and PNG scans are accepted, recognised by their content; this file is none of them"
                        + " whatever its name says."));
        String name = filename == null || filename.isBlank() ? item.name().toLowerCase() : filename.strip();
        name = name.length() > 200 ? name.substring(0, 200) : name;
        UUID id = UUID.randomUUID();
        String sha256 = sha256(content);
        jdbc.update("INSERT INTO application_document (id, application_id, item, filename, media_type, size_bytes,"
                + " sha256, content, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, decode(?, 'hex'), ?, ?, ?)",
                id, applicationId, item.name(), name, type.mediaType(), content.length, sha256, content,
                actor.auditName(), Timestamp.from(clock.instant()));
        audit.record(new AuditEntry(actor.auditName(), "application.document-uploaded", "application",
                applicationId.toString(), item + ": " + type + ", " + content.length + " bytes, sha256 " + sha256));
        return list(applicationId, actor).stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** The scans of an application, oldest first. */
    public List<ApplicationDocument> list(UUID applicationId, Actor actor) {
        applications.getFor(applicationId, actor);
        return jdbc.query("SELECT id, application_id, item, filename, media_type, size_bytes, encode(sha256, 'hex')"
                + " AS sha256_hex, uploaded_by, uploaded_at FROM application_document WHERE application_id = ?"
                + " ORDER BY uploaded_at", ApplicationDocuments::map, applicationId);
    }

    /** One scan's content and description. */
    public record Content(ApplicationDocument document, byte[] bytes) {
    }

    public Content content(UUID applicationId, UUID documentId, Actor actor) {
        ApplicationDocument document = list(applicationId, actor).stream().filter(d -> d.id().equals(documentId))
                .findFirst().orElseThrow(() -> ApiProblem.notFound("document-not-found", "No such scan."));
        byte[] bytes = jdbc.queryForObject("SELECT content FROM application_document WHERE id = ?", byte[].class,
                documentId);
        return new Content(document, bytes);
    }

    private static ApplicationDocument map(ResultSet rs, int row) throws SQLException {
        String media = rs.getString("media_type");
        ScanType type = java.util.Arrays.stream(ScanType.values()).filter(t -> t.mediaType().equals(media)).findFirst()
                .orElseThrow();
        return new ApplicationDocument(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
                MaterialItem.valueOf(rs.getString("item")), rs.getString("filename"), type, rs.getInt("size_bytes"),
                rs.getString("sha256_hex"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
