package org.orgcert.pki.issue;

import java.util.Arrays;
import org.orgcert.pki.PkiException;

/**
 * Reads the first fields of a DER TBSCertificate (version, serial, signature algorithm, issuer) as raw
 * bytes, without building ASN.1 objects. {@link CertificateIssuer#sign} uses it to confirm that recorded
 * bytes belong to this CA at a cost of well under a microsecond; a full parse cost a sixth of an ECDSA
 * signature.
 */
final class TbsHeader {
    private final byte[] der;
    private int position;

    private TbsHeader(byte[] der) {
        this.der = der;
    }

    /**
     * True when {@code tbs} is a SEQUENCE spanning all its bytes whose serial INTEGER, signature
     * AlgorithmIdentifier and issuer Name are exactly the given encodings.
     *
     * @throws PkiException MALFORMED when the bytes are not a TBSCertificate's outline
     */
    static boolean matches(byte[] tbs, byte[] serial, byte[] algorithm, byte[] issuer) {
        TbsHeader reader = new TbsHeader(tbs);
        int end = reader.enter(0x30);
        if (end != tbs.length) {
            throw malformed();
        }
        if (reader.peek() == 0xA0) {
            reader.skip();
        }
        return reader.next(serial) & reader.next(algorithm) & reader.next(issuer);
    }

    /** Reads a header with {@code tag} and returns where its content ends; position moves into the content. */
    private int enter(int tag) {
        if (peek() != tag) {
            throw malformed();
        }
        position++;
        int length = length();
        if (length > der.length - position) {
            throw malformed();
        }
        return position + length;
    }

    /** Compares the whole next element, header included, with {@code expected}, and moves past it. */
    private boolean next(byte[] expected) {
        int start = position;
        skip();
        return Arrays.equals(der, start, position, expected, 0, expected.length);
    }

    private void skip() {
        position++;
        int length = length();
        if (length > der.length - position) {
            throw malformed();
        }
        position += length;
    }

    private int peek() {
        if (position >= der.length) {
            throw malformed();
        }
        return der[position] & 0xFF;
    }

    private int length() {
        int first = peek();
        position++;
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7F;
        if (octets == 0 || octets > 3) {
            throw malformed();
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = length << 8 | peek();
            position++;
        }
        return length;
    }

    private static PkiException malformed() {
        return new PkiException(PkiException.Kind.MALFORMED, "the to-be-signed certificate is not valid DER");
    }
}
