package org.orgcert.kit;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificates seen before, by SHA-256 of their DER: parsed once, with the chain once it was checked. A
 * platform sees the same employers' certificates again and again; parsing and PKIX validation (which
 * verifies the certificate's own signature) would otherwise cost more than the sign-in signature itself.
 * Time and revocation are checked at every use, never cached here. Bounded: past its size, an arbitrary
 * tenth is dropped (dropping costs a re-parse, never a wrong answer).
 */
final class KnownCertificates {
    /** One certificate; {@code chain} is set once its chain validated. */
    static final class Known {
        final ParsedCertificate certificate;
        volatile TrustChains.Chain chain;
        volatile Object identity; // EmployerIdentity or the KitException reading it gave

        Known(ParsedCertificate certificate) {
            this.certificate = certificate;
        }
    }

    private final ConcurrentHashMap<String, Known> byFingerprint = new ConcurrentHashMap<>();
    private final int maxSize;

    KnownCertificates(int maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * The certificate with these bytes, parsed now if not known.
     *
     * @throws KitException as {@link ParsedCertificate#parse} for bytes that are no certificate
     */
    Known get(byte[] der) {
        return get(der, ParsedCertificate.fingerprint(der));
    }

    /** As {@link #get(byte[])}, when the caller has hashed the bytes already (the challenge names the hash). */
    Known get(byte[] der, String fingerprint) {
        Known known = byFingerprint.get(fingerprint);
        if (known != null && Arrays.equals(known.certificate.der, der)) {
            return known;
        }
        known = new Known(ParsedCertificate.parse(der, fingerprint));
        if (byFingerprint.size() >= maxSize) {
            shrink();
        }
        byFingerprint.put(fingerprint, known);
        return known;
    }

    private void shrink() {
        int drop = Math.max(1, maxSize / 10);
        Iterator<String> keys = byFingerprint.keySet().iterator();
        while (drop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
