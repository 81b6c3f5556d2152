package org.orgcert.server.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scans of the required papers uploaded with an application (R-MAT-1..5): PDF, JPEG or PNG by content, at most
 * 10 MB each ({@link Scans}), while the application's materials are still open; each upload audited with its
 * size and hash, never its content. Who may upload or read is who may see the application ({@link ApplicationAccess}).
 */
@Service
public class ApplicationDocuments {
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
     * @throws Refusal 413 {@code file-too-large}; 415 {@code unsupported-file-type} (also for a disguised
     *                    file); 400 {@code empty-file}, {@code material-not-required}; 409 {@code materials-closed}
     */
    @Transactional
    public ApplicationDocument upload(UUID applicationId, MaterialItem item, String filename, byte[] content,
            Actor actor) {
        Application application = applications.get(applicationId, actor);
        applications.requireMaterialsOpen(application, item);
        ScanType type = Scans.check(content);
        String name = Scans.filename(filename, item.name().toLowerCase());
        UUID id = UUID.randomUUID();
        String sha256 = Scans.sha256(content);
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
        applications.get(applicationId, actor);
        return jdbc.query("SELECT id, application_id, item, filename, media_type, size_bytes, encode(sha256, 'hex')"
                + " AS sha256_hex, uploaded_by, uploaded_at FROM application_document WHERE application_id = ?"
                + " ORDER BY uploaded_at", ApplicationDocuments::map, applicationId);
    }

    /** One scan's content and description. */
    public record Content(ApplicationDocument document, byte[] bytes) {
    }

    public Content content(UUID applicationId, UUID documentId, Actor actor) {
        ApplicationDocument document = list(applicationId, actor).stream().filter(d -> d.id().equals(documentId))
                .findFirst().orElseThrow(() -> ApplicationRefusal.DOCUMENT_NOT_FOUND.refuse("No such scan."));
        byte[] bytes = jdbc.queryForObject("SELECT content FROM application_document WHERE id = ?", byte[].class,
                documentId);
        return new Content(document, bytes);
    }

    private static ApplicationDocument map(ResultSet rs, int row) throws SQLException {
        ScanType type = Scans.ofMediaType(rs.getString("media_type"));
        return new ApplicationDocument(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
                MaterialItem.valueOf(rs.getString("item")), rs.getString("filename"), type, rs.getInt("size_bytes"),
                rs.getString("sha256_hex"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
    }
}
