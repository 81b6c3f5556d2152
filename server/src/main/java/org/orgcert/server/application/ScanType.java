package org.orgcert.server.application;

import java.util.Arrays;
import java.util.Optional;

/**
 * The file types a scanned paper may have, recognised by their first bytes, never by the file name: a
 * renamed executable is not a PDF because it is called {@code licence.pdf}.
 */
public enum ScanType {
    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});

    private final String mediaType;
    private final byte[] magic;

    ScanType(String mediaType, byte[] magic) {
        this.mediaType = mediaType;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The type whose signature {@code content} starts with, if any. */
    public static Optional<ScanType> of(byte[] content) {
        return Arrays.stream(values()).filter(type -> content.length >= type.magic.length
                && Arrays.equals(content, 0, type.magic.length, type.magic, 0, type.magic.length)).findFirst();
    }
}
