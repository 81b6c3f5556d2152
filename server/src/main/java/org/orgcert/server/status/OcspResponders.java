package org.orgcert.server.status;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.pki.ocsp.OcspSettings;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One OCSP responder per CA, answering from the certificate table through its delegated OCSP signer, with
 * pre-signed responses cached (refreshed after each revocation by {@link RevocationListener}).
 */
@Component
class OcspResponders {
    private final Map<String, OcspResponder> byLabel = new HashMap<>();

    OcspResponders(CertificateAuthorities authorities, CertificateStore certificates, Clock clock,
            @Value("${orgcert.status.ocsp-validity:PT1H}") Duration validity) {
        for (String label : authorities.labels()) {
            CaHierarchy hierarchy = authorities.hierarchy(label).orElseThrow();
            byLabel.put(label, new OcspResponder(hierarchy.issuing(), hierarchy.ocspSigner(),
                    certificates.statusSource(label), clock, OcspSettings.of(validity)));
        }
    }

    /** The responder of CA {@code label}. */
    Optional<OcspResponder> forLabel(String label) {
        return Optional.ofNullable(byLabel.get(label));
    }
}
