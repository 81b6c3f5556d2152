package org.orgcert.server.certificate;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;

/**
 * One certificate as the store holds it.
 *
 * @param serial           the certificate's serial number
 * @param applicationId    the application it was produced for (one certificate per application)
 * @param ca               the label of the issuing CA, e.g. {@code sm2}
 * @param uscc             the employer's USCC
 * @param employerName     the employer's registered name
 * @param algorithm        the key algorithm label
 * @param profile          the profile it was built against
 * @param notBefore        start of validity
 * @param notAfter         end of validity
 * @param state            ISSUING, VALID or REVOKED
 * @param tbs              the recorded to-be-signed bytes
 * @param der              the signed certificate, {@code null} while ISSUING
 * @param tokenSerial      the USB key that holds the certificate's private key
 * @param createdAt        when it was recorded
 * @param revokedAt        when it was revoked, or {@code null}
 * @param revocationReason why, or {@code null}
 * @param predecessor      the certificate this one renews or replaces after an information change, or null
 * @param firstOfEmployer  whether it is (the line of) the employer's first certificate (R-FEE-1 a, b)
 * @param signedAt         when it was signed, or {@code null} while ISSUING
 * @param replacesPredecessor whether it replaces its predecessor (an information change, R-FEE-1 c): the
 *                         predecessor ends once this one is on the key; a renewal's predecessor runs to its expiry
 * @param onKeyAt          when the employer's assistant confirmed writing it to the USB key, or {@code null}
 */
public record CertificateRecord(BigInteger serial, UUID applicationId, String ca, Uscc uscc, String employerName,
        String algorithm, String profile, Instant notBefore, Instant notAfter, CertificateState state, byte[] tbs,
        byte[] der, String tokenSerial, Instant createdAt, Instant revokedAt, RevocationReason revocationReason,
        BigInteger predecessor, boolean firstOfEmployer, Instant signedAt, boolean replacesPredecessor,
        Instant onKeyAt) {

    /** The signed certificate, once there is one. */
    public Optional<byte[]> certificate() {
        return Optional.ofNullable(der).map(byte[]::clone);
    }

    /** The serial as upper-case hex, as {@code openssl x509 -serial} prints it. */
    public String serialHex() {
        return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
