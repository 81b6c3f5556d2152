package org.orgcert.pki;

import java.io.IOException;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * Reads untrusted DER: enforces a size limit, refuses trailing bytes and anything that is BER but not DER
 * ({@link DerValidator}), and turns every parser failure into a
 * {@link PkiException} of kind MALFORMED, so that random or truncated input never escapes as a
 * RuntimeException of Bouncy Castle's.
 */
public final class Der {
    /** The default limit for a single uploaded structure (CSR, certificate, OCSP request). */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private Der() {
    }

    /**
     * Parses {@code bytes} as one DER object of at most {@code limit} bytes and converts it with
     * {@code converter} (e.g. {@code CertificationRequest::getInstance}).
     *
     * @param what a name for the structure used in error messages, e.g. "certificate request"
     */
    public static <T> T parse(byte[] bytes, int limit, String what, Function<ASN1Primitive, T> converter) {
        if (bytes == null || bytes.length == 0) {
            throw new PkiException(PkiException.Kind.MALFORMED, "the " + what + " is empty");
        }
        if (bytes.length > limit) {
            throw new PkiException(PkiException.Kind.TOO_LARGE,
                    "the " + what + " has " + bytes.length + " bytes; at most " + limit + " are accepted");
        }
        // ASN1InputStream also reads BER (indefinite lengths, non-minimal lengths, constructed strings,
        // unsorted SETs); DerValidator refuses all that, in a fraction of what re-encoding would cost.
        String notDer = DerValidator.problem(bytes);
        if (notDer != null) {
            throw new PkiException(PkiException.Kind.MALFORMED, "the " + what + " is not DER: " + notDer);
        }
        try (ASN1InputStream in = new ASN1InputStream(bytes, true)) {
            ASN1Primitive primitive = in.readObject();
            if (primitive == null) {
                throw new PkiException(PkiException.Kind.MALFORMED, "the " + what + " is not DER");
            }
            if (in.available() > 0 || in.readObject() != null) {
                throw new PkiException(PkiException.Kind.MALFORMED, "the " + what + " has bytes after its end");
            }

            T value = converter.apply(primitive);
            if (value == null) {
                throw new PkiException(PkiException.Kind.MALFORMED, "the " + what + " is not DER");
            }
            return value;
        } catch (PkiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PkiException(PkiException.Kind.MALFORMED,
                    "the " + what + " is not valid DER: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable structure";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
