package org.orgcert.server.status;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.ocsp.OcspResponder;
import org.orgcert.server.issuance.CertificateAuthorities;
import org.orgcert.server.domain.Refusal;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What relying platforms fetch at the URLs our certificates carry (RFC 5280 4.2.1.13 and 4.2.2.1, RFC 6960
 * appendix A): the CA certificates, the full and delta CRL and OCSP by POST and GET. An unknown CA label
 * is a 404 problem. No {@code produces} conditions: the media type is set per response, so errors can still
 * be problem+json. OCSP requests for a CA this service runs are normally answered before they get here, by
 * {@link OcspFilter}; the OCSP mappings below answer what it passes on (an unknown CA, an unusual path).
 * CRLs are served from memory ({@link CrlPublisher}).
 */
@RestController
@RequestMapping("/status/{label}")
class StatusController {
    static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");
    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

    private final CertificateAuthorities authorities;
    private final CrlPublisher crls;
    private final OcspResponders responders;

    StatusController(CertificateAuthorities authorities, CrlPublisher crls, OcspResponders responders) {
        this.authorities = authorities;
        this.crls = crls;
        this.responders = responders;
    }

    @GetMapping("/ca.cer")
    ResponseEntity<byte[]> issuingCa(@PathVariable("label") String label) {
        return certificate(hierarchy(label).issuing().certificate());
    }

    @GetMapping("/root.cer")
    ResponseEntity<byte[]> root(@PathVariable("label") String label) {
        return certificate(hierarchy(label).root().certificate());
    }

    @GetMapping("/crl")
    ResponseEntity<byte[]> crl(@PathVariable("label") String label) {
        hierarchy(label);
        return crl(crls.full(label));
    }

    @GetMapping("/delta-crl")
    ResponseEntity<byte[]> deltaCrl(@PathVariable("label") String label) {
        hierarchy(label);
        return crl(crls.delta(label));
    }

    @PostMapping("/ocsp")
    ResponseEntity<byte[]> ocspPost(@PathVariable("label") String label, HttpServletRequest request) throws IOException {
        OcspResponder responder = responder(label);
        return ocsp(responder.respond(OcspRequests.body(request.getInputStream(), request.getContentLengthLong())));
    }

    @GetMapping("/ocsp/**")
    ResponseEntity<byte[]> ocspGet(@PathVariable("label") String label, HttpServletRequest request) {
        OcspResponder responder = responder(label);
        String uri = request.getRequestURI();
        String encoded = uri.substring(uri.indexOf("/ocsp/") + "/ocsp/".length());
        return ocsp(responder.respond(OcspRequests.fromPath(encoded)));
    }

    private CaHierarchy hierarchy(String label) {
        return authorities.hierarchy(label).orElseThrow(() -> unknown(label));
    }

    private OcspResponder responder(String label) {
        return responders.forLabel(label).orElseThrow(() -> unknown(label));
    }

    private Refusal unknown(String label) {
        return StatusRefusal.UNKNOWN_CA.refuse("There is no CA '" + label + "'; this service runs "
                + authorities.labels() + ".");
    }

    private static ResponseEntity<byte[]> certificate(X509CertificateHolder certificate) {
        try {
            return ResponseEntity.ok().contentType(PKIX_CERT).cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                    .body(certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<byte[]> crl(StoredCrl crl) {
        return ResponseEntity.ok().contentType(PKIX_CRL).lastModified(crl.thisUpdate())
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(crl.der());
    }

    private static ResponseEntity<byte[]> ocsp(byte[] response) {
        return ResponseEntity.ok().contentType(OCSP_RESPONSE).body(response);
    }
}
