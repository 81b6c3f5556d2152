package org.orgcert.server.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.orgcert.server.OrgCertProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The USB-key assistant's installable packages the portal offers (docs/key-assistant.md): the files in
 * {@code orgcert.assistant.folder} (default {@code <data dir>/assistant}) named as the package build names them,
 * each with its SHA-256 so that the employer, or the bureau's IT, can check the download. Nothing else in the
 * folder is served, and names come only from the listing, never from the request.
 */
@Component
class AssistantDownloads {
    private static final Pattern PACKAGE = Pattern.compile("orgcert-assistant-[0-9A-Za-z.-]+-linux-x64\\.(tar\\.gz|deb)");

    /** One package: its file name, what kind it is, its size and SHA-256 (hex). */
    record Download(String name, String kind, long bytes, String sha256) {
    }

    private record Known(long size, long modified, String sha256) {
    }

    private final Path folder;
    private final Map<String, Known> digests = new ConcurrentHashMap<>();

    AssistantDownloads(OrgCertProperties properties, @Value("${orgcert.assistant.folder:}") String folder) {
        this.folder = folder.isBlank() ? properties.dataDir().resolve("assistant") : Path.of(folder);
    }

    /** The packages there now, newest name first. */
    List<Download> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Download> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> PACKAGE.matcher(f.getFileName().toString()).matches()
                    && Files.isRegularFile(f))::iterator) {
                String name = file.getFileName().toString();
                found.add(new Download(name, name.endsWith(".deb") ? "deb" : "tar.gz", Files.size(file), sha256(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the assistant packages in " + folder, e);
        }
        found.sort(Comparator.comparing(Download::name).reversed());
        return found;
    }

    /** The file of a listed package, if {@code name} is one. */
    Optional<Path> file(String name) {
        return list().stream().filter(d -> d.name().equals(name)).findFirst().map(d -> folder.resolve(d.name()));
    }

    /** The file's SHA-256, computed once per size and modification time (a package is tens of megabytes). */
    private String sha256(Path file) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        Known known = digests.get(file.getFileName().toString());
        if (known != null && known.size() == size && known.modified() == modified) {
            return known.sha256();
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            String hex = HexFormat.of().formatHex(digest.digest());
            digests.put(file.getFileName().toString(), new Known(size, modified, hex));
            return hex;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
