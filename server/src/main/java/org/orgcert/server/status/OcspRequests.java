package org.orgcert.server.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads OCSP requests off HTTP (RFC 6960 appendix A.1) without trusting their size. */
final class OcspRequests {
    /** The responder refuses requests over this size (64 KiB) as malformedRequest. */
    static final int LIMIT = 64 * 1024;

    private OcspRequests() {
    }

    /**
     * A POST body: at most {@link #LIMIT} bytes plus the one byte that shows a body is too long (which the
     * responder then answers with malformedRequest). A declared length over the limit is not read at all.
     */
    static byte[] body(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > LIMIT) {
            return new byte[LIMIT + 1];
        }
        return in.readNBytes(LIMIT + 1);
    }

    /**
     * The request in a GET path: the URL-encoded base64 of the DER. '+' is taken literally (it is a base64
     * character, not a space), the URL-safe alphabet and missing padding are accepted; anything that is not
     * base64 becomes an empty request, which the responder answers with malformedRequest.
     */
    static byte[] fromPath(String rawPath) {
        String base64 = percentDecode(rawPath).replace('-', '+').replace('_', '/').replaceAll("=+$", "");
        try {
            return Base64.getDecoder().decode(base64 + "==".substring(0, (4 - base64.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int value = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
                if (value >= 0) {
                    out.write(value);
                    i += 2;
                    continue;
                }
            }
            out.write(c);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -1000 : digit;
    }
}
