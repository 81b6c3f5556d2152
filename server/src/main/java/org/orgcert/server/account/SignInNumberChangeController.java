package org.orgcert.server.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.orgcert.server.domain.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Customer service changes an employer's sign-in numbers over REST (issue 11 item 5; CA_SERVICE only, also in
 * {@code SecurityConfiguration}): {@code POST /api/v1/employers/{id}/sign-in-number-changes}, multipart
 * {@code oldMobile}, {@code newMobile}, {@code reason}, {@code file} (the scan of the signed paper). The answer and
 * every read show the numbers masked.
 */
@RestController
class SignInNumberChangeController {
    private final SignInNumberChanges changes;

    SignInNumberChangeController(SignInNumberChanges changes) {
        this.changes = changes;
    }

    @PostMapping(value = "/api/v1/employers/{id}/sign-in-number-changes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<SignInNumberChange> change(@PathVariable UUID id,
            @RequestParam(required = false) String oldMobile, @RequestParam(required = false) String newMobile,
            @RequestParam(required = false) String reason,
            @RequestParam(name = "file", required = false) MultipartFile file, Actor actor) {
        SignInNumberChange made = changes.change(new SignInNumberChange.Request(id, oldMobile, newMobile, reason,
                upload(file)), actor);
        return ResponseEntity.created(URI.create("/api/v1/sign-in-number-changes/" + made.id())).body(made);
    }

    @GetMapping("/api/v1/employers/{id}/sign-in-number-changes")
    List<SignInNumberChange> ofEmployer(@PathVariable UUID id, Actor actor) {
        return changes.ofEmployer(id, actor);
    }

    @GetMapping("/api/v1/sign-in-number-changes/{id}")
    SignInNumberChange one(@PathVariable UUID id, Actor actor) {
        return changes.get(id, actor);
    }

    /** The supporting paper, as an attachment of its recognised type (never rendered as something else). */
    @GetMapping("/api/v1/sign-in-number-changes/{id}/scan")
    ResponseEntity<byte[]> scan(@PathVariable UUID id, Actor actor) {
        SignInNumberChanges.Content content = changes.scan(id, actor);
        SignInNumberChange.Scan scan = content.change().scan();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(scan.type().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(scan.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff").body(content.bytes());
    }

    /** The uploaded file as the use case takes it; nothing sent gives an upload without content. */
    static SignInNumberChange.Upload upload(MultipartFile file) {
        try {
            return file == null ? new SignInNumberChange.Upload(null, null)
                    : new SignInNumberChange.Upload(file.getOriginalFilename(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
