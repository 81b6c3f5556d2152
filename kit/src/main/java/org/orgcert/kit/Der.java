package org.orgcert.kit;

import org.bouncycastle.asn1.ASN1Primitive;

/** The one way the kit reads untrusted bytes: a size limit, DER only, and no Bouncy Castle exception out. */
final class Der {
    private Der() {
    }

    /**
     * Parses {@code bytes} as one DER element of at most {@code limit} bytes.
     *
     * @param what what the bytes should be, for the message (e.g. "the certificate")
     * @throws KitException MALFORMED or TOO_LARGE
     */
    static ASN1Primitive parse(byte[] bytes, int limit, String what) {
        check(bytes, limit, what);
        try {
            return ASN1Primitive.fromByteArray(bytes);
        } catch (Exception | StackOverflowError e) {
            throw new KitException(KitException.Kind.MALFORMED, what + " cannot be read", e);
        }
    }

    /** The size and DER checks of {@link #parse} alone, for bytes a Bouncy Castle class parses itself. */
    static void check(byte[] bytes, int limit, String what) {
        if (bytes == null) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, what + " is missing");
        }
        if (bytes.length > limit) {
            throw new KitException(KitException.Kind.TOO_LARGE,
                    what + " has " + bytes.length + " bytes; at most " + limit + " are accepted");
        }
        String problem = DerCheck.problem(bytes);
        if (problem != null) {
            throw new KitException(KitException.Kind.MALFORMED, what + " is not DER: " + problem);
        }
    }
}
