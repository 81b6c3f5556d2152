package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The USB-key assistant is one download from the portal (issue 13 item 5; R-USE-1): a public page lists the packages
 * of the assistant folder with their SHA-256, serves exactly those, and nothing else of the folder.
 */
@ServiceTest
class AssistantPageTest extends ServiceTestBase {
    private static final Path FOLDER = Path.of("target/test-data/assistant");
    private static final String PACKAGE = "orgcert-assistant-0.1.0-linux-x64.tar.gz";

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void clean() throws Exception {
        try (var files = Files.list(FOLDER)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
    }

    @Test
    void thePageOffersEachPackageWithItsChecksumAndServesIt() throws Exception {
        Files.createDirectories(FOLDER);
        byte[] bytes = "not really a package, but its checksum is what counts".getBytes();
        Files.write(FOLDER.resolve(PACKAGE), bytes);
        Files.writeString(FOLDER.resolve("secret.txt"), "not for download");

        HttpResponse<String> page = get("/assistant?lang=zh");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("下载USB Key助手").contains(PACKAGE)
                .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .doesNotContain("secret.txt");

        HttpResponse<byte[]> download = http.send(request("/assistant/download/" + PACKAGE), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains(PACKAGE));

        assertThat(get("/assistant/download/secret.txt").statusCode()).isEqualTo(404);
        assertThat(get("/assistant/download/..%2Fkeys%2Fpersonal-data.key").statusCode()).isIn(400, 404);
    }

    @Test
    void withoutPackagesThePageSaysWhomToAsk() throws Exception {
        Files.createDirectories(FOLDER);
        HttpResponse<String> page = get("/assistant?lang=zh");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("安装文件尚未发布").contains("0871-68163863");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    }
}
