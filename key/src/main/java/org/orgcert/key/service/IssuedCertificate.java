package org.orgcert.key.service;

import java.time.Instant;

/**
 * A certificate as the service returns it (a renewal's or a successor's).
 *
 * @param serial    the serial in hex
 * @param der       the certificate's DER bytes
 * @param notBefore start of validity
 * @param notAfter  end of validity
 */
public record IssuedCertificate(String serial, byte[] der, Instant notBefore, Instant notAfter) {
    /** Copies the bytes. */
    public IssuedCertificate {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
