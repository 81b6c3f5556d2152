package org.orgcert.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * PostgreSQL's programs refuse to run as root. Started by root, they run under {@code unshare -U}: in a new
 * user namespace without mappings, where they hold none of root's capabilities (they can still open the
 * data folder's files, which root owns). Run by any other user, they run as that user.
 */
final class RootlessLaunch {
    private RootlessLaunch() {
    }

    /** The words to put before a PostgreSQL program's command line. */
    static List<String> prefix() throws IOException {
        if (effectiveUid() != 0) {
            return List.of();
        }
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() == 0) {
                return List.of("unshare", "-U");
            }
        } catch (IOException e) {
            // no unshare: fall through to the message below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("PostgreSQL cannot run as root and this system cannot start it in a user namespace"
                + " (unshare -U); run OrgCert as an ordinary user (docs/operations.md)");
    }

    private static long effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
            }
        }
        throw new IOException("no Uid line in /proc/self/status");
    }
}
