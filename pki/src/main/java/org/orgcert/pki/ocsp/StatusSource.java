package org.orgcert.pki.ocsp;

import java.math.BigInteger;

/**
 * Where a responder learns a certificate's status: the certificate store in the server, a map in tests.
 * Must be thread-safe; may throw on a store failure (the responder then answers internalError).
 */
@FunctionalInterface
public interface StatusSource {
    /** The status of this CA's certificate {@code serial}; never {@code null}. */
    CertificateStatus status(BigInteger serial);
}
