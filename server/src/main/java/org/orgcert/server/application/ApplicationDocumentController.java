package org.orgcert.server.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.orgcert.server.domain.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/applications/{id}/documents}: upload and read the scans of the required papers (R-MAT). */
@RestController
class ApplicationDocumentController {
    private final ApplicationDocuments documents;

    ApplicationDocumentController(ApplicationDocuments documents) {
        this.documents = documents;
    }

    @PostMapping(value = "/api/v1/applications/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ApplicationDocument upload(@PathVariable UUID id, @RequestParam MaterialItem item,
            @RequestParam("file") MultipartFile file, Actor actor) {
        try {
            return documents.upload(id, item, file.getOriginalFilename(), file.getBytes(), actor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/applications/{id}/documents")
    List<ApplicationDocument> list(@PathVariable UUID id, Actor actor) {
        return documents.list(id, actor);
    }

    /** The scan, as an attachment of its recognised type (never rendered by the browser as something else). */
    @GetMapping("/api/v1/applications/{id}/documents/{documentId}")
    ResponseEntity<byte[]> content(@PathVariable UUID id, @PathVariable UUID documentId, Actor actor) {
        ApplicationDocuments.Content content = documents.content(id, documentId, actor);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.document().type().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(content.document().filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff").body(content.bytes());
    }
}
