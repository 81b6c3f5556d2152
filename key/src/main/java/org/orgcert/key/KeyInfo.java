package org.orgcert.key;

import java.util.Optional;
import org.orgcert.token.TokenInfo;

/**
 * What {@code info} shows: the token as it reports itself without a PIN, and its certificate with the renewal
 * window, if it holds one.
 *
 * @param token       serial, label, state, PIN tries left, unblock codes left
 * @param certificate the token's certificate, or {@code null} when it has none
 * @param renewal     the certificate's renewal window now, or {@code null} when there is no certificate
 */
public record KeyInfo(TokenInfo token, CertificateSummary certificate, RenewalWindow renewal) {
    /** The certificate, if any. */
    public Optional<CertificateSummary> certificateIfAny() {
        return Optional.ofNullable(certificate);
    }
}
