package org.orgcert.server.portal;

import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The page that offers the USB-key assistant for download ({@code /assistant}), and the downloads themselves. */
@Controller
class AssistantPage {
    private final AssistantDownloads downloads;

    AssistantPage(AssistantDownloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping(PortalPaths.ASSISTANT)
    String page(Model model) {
        model.addAttribute("downloads", downloads.list());
        return "portal/assistant";
    }

    @GetMapping(PortalPaths.ASSISTANT + "/download/{name}")
    ResponseEntity<FileSystemResource> download(@PathVariable String name) {
        Path file = downloads.file(name).orElse(null);
        if (file == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(file));
    }
}
