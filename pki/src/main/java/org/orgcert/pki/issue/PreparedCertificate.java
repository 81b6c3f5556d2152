package org.orgcert.pki.issue;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A linted, not yet signed certificate: the serial and the exact to-be-signed bytes. The server commits
 * this before calling {@link CertificateIssuer#sign} (invariant "record before sign"), so a crash can
 * leave a recorded unsigned certificate, never a signed unrecorded one.
 *
 * @param serial    the certificate's serial number (positive, at least 64 random bits)
 * @param tbs       the DER of the TBSCertificate
 * @param profileId the profile it was built and linted against
 * @param notBefore start of validity
 * @param notAfter  end of validity
 * @param seal      the preparing issuer's proof that it linted exactly these values in this process, or
 *                  null (e.g. for a row read back from the database), in which case {@code sign} lints again
 */
public record PreparedCertificate(BigInteger serial, byte[] tbs, String profileId, Instant notBefore,
        Instant notAfter, byte[] seal) {

    public PreparedCertificate {
        tbs = tbs.clone();
        seal = seal == null ? null : seal.clone();
    }

    /** A prepared certificate as recorded, without a seal: {@link CertificateIssuer#sign} lints it in full. */
    public PreparedCertificate(BigInteger serial, byte[] tbs, String profileId, Instant notBefore, Instant notAfter) {
        this(serial, tbs, profileId, notBefore, notAfter, null);
    }

    @Override
    public byte[] tbs() {
        return tbs.clone();
    }

    @Override
    public byte[] seal() {
        return seal == null ? null : seal.clone();
    }
}
