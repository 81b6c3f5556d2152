package org.orgcert.server.application;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.orgcert.server.domain.Refusal;

/**
 * The checks every uploaded scan passes, whatever it comes with (an application's papers, R-MAT-1..5; the
 * supporting paper of an information-change request, R-FEE-1 c): not empty, at most 10 MB, and PDF, JPEG or
 * PNG by its first bytes ({@link ScanType}), never by its name. One place, so both refuse alike.
 */
public final class Scans {
    /** The largest scan accepted, in bytes (the servlet's multipart limit is a little above, to say why). */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final int MAX_FILENAME = 200;

    private Scans() {
    }

    /**
     * The type of an acceptable scan.
     *
     * @throws Refusal 400 {@code empty-file}; 413 {@code file-too-large}; 415 {@code unsupported-file-type}
     *                    (also for a disguised file)
     */
    public static ScanType check(byte[] content) {
        if (content == null || content.length == 0) {
            throw ApplicationRefusal.EMPTY_FILE.refuse("The file is empty.");
        }
        if (content.length > MAX_BYTES) {
            throw ApplicationRefusal.FILE_TOO_LARGE.refuse("A scan may have at most 10 MB; this one has "
                    + (content.length / 1024 / 1024) + " MB. Scan at a lower resolution or as PDF.");
        }
        return ScanType.of(content).orElseThrow(() -> ApplicationRefusal.UNSUPPORTED_FILE_TYPE.refuse("Only PDF, JPEG and PNG scans are accepted, recognised by their content; this file is none of them"
                        + " whatever its name says."));
    }

    /** The name to keep for people (at most 200 characters), {@code fallback} when none was given. */
    public static String filename(String given, String fallback) {
        String name = given == null || given.isBlank() ? fallback : given.strip();
        return name.length() > MAX_FILENAME ? name.substring(0, MAX_FILENAME) : name;
    }

    /** Hex of the SHA-256, audited with every upload so a printout can be checked against it. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The type stored as {@code mediaType} (a column's value). */
    public static ScanType ofMediaType(String mediaType) {
        return Arrays.stream(ScanType.values()).filter(t -> t.mediaType().equals(mediaType)).findFirst()
                .orElseThrow(() -> new IllegalStateException("not a scan type: " + mediaType));
    }
}
