package org.orgcert.server.status;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.pki.ocsp.OcspSettings;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.issuance.OcspSignerRenewed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One OCSP responder per CA, answering from the certificate table through its delegated OCSP signer, with
 * pre-signed responses cached (re-signed after each revocation: this node's by {@link RevocationListener} at
 * once, other nodes' by {@link RevocationSweep} within a second).
 */
@Component
class OcspResponders {
    private final Map<String, OcspResponder> byLabel = new ConcurrentHashMap<>();
    private final CertificateAuthorities authorities;
    private final CertificateStore certificates;
    private final Clock clock;
    private final Duration validity;

    OcspResponders(CertificateAuthorities authorities, CertificateStore certificates, Clock clock,
            @Value("${orgcert.status.ocsp-validity:PT1H}") Duration validity) {
        this.authorities = authorities;
        this.certificates = certificates;
        this.clock = clock;
        this.validity = validity;
        authorities.labels().forEach(this::build);
    }

    /** The responder of CA {@code label}. */
    Optional<OcspResponder> forLabel(String label) {
        return Optional.ofNullable(byLabel.get(label));
    }

    /** A renewed signer gets a new responder (and an empty cache: what the old one signed is not served). */
    @EventListener
    void signerRenewed(OcspSignerRenewed renewed) {
        build(renewed.label());
    }

    private void build(String label) {
        CaHierarchy hierarchy = authorities.hierarchy(label).orElseThrow();
        byLabel.put(label, new OcspResponder(hierarchy.issuing(), hierarchy.ocspSigner(),
                certificates.statusSource(label), clock, OcspSettings.of(validity)));
    }
}
