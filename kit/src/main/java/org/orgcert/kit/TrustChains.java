package org.orgcert.kit;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chains a certificate to the configured trust anchors with Bouncy Castle's PKIX validator (the JDK's
 * cannot read SM2). The path is built here from the configured CA certificates by name, at most
 * {@link #MAX_DEPTH} CAs deep; PKIX then checks signatures, validity, basicConstraints and CA key usage.
 */
final class TrustChains {
    private static final int MAX_DEPTH = 4;

    /** The checked chain of a certificate: its issuer and when every CA certificate above it is valid. */
    record Chain(ParsedCertificate issuer, Instant validFrom, Instant validUntil) {
    }

    /** Why a certificate does not chain. */
    static final class Untrusted extends Exception {
        Untrusted(String message) {
            super(message, null, false, false);
        }
    }

    private final List<ParsedCertificate> anchors;
    private final List<ParsedCertificate> issuingCas;
    private final List<ParsedCertificate> intermediates;
    private final Set<TrustAnchor> trustAnchors = new HashSet<>();
    private final java.util.Map<String, X509Certificate> jca = new java.util.HashMap<>();

    /**
     * @param anchors       the roots (or any CA certificate) trusted as they are
     * @param issuingCas    when not empty, the only CAs whose certificates are accepted (the employer CA of
     *                      OrgCert): a certificate of another CA under the same root is UNTRUSTED
     * @param intermediates further CA certificates between the issuing CAs and the anchors
     */
    TrustChains(List<ParsedCertificate> anchors, List<ParsedCertificate> issuingCas,
            List<ParsedCertificate> intermediates) {
        if (anchors.isEmpty()) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "at least one trust anchor (root) is needed");
        }
        this.anchors = List.copyOf(anchors);
        this.issuingCas = List.copyOf(issuingCas);
        this.intermediates = List.copyOf(intermediates);
        for (ParsedCertificate anchor : anchors) {
            trustAnchors.add(new TrustAnchor(Bc.x509(anchor), null));
        }
        for (ParsedCertificate ca : concat(issuingCas, intermediates)) {
            jca.put(ca.fingerprint, Bc.x509(ca));
        }
    }

    /**
     * Checks the chain of {@code certificate} at {@code at} (a time within the certificate's validity, so
     * that an expired certificate is reported as expired, not as untrusted).
     */
    Chain check(ParsedCertificate certificate, Instant at) throws Untrusted {
        List<ParsedCertificate> direct = issuingCas.isEmpty() ? concat(intermediates, anchors) : issuingCas;
        String lastProblem = "it is not issued by a configured " + (issuingCas.isEmpty() ? "CA" : "issuing CA");
        for (ParsedCertificate issuer : direct) {
            if (!issuer.subject().equals(certificate.issuer())) {
                continue;
            }
            List<ParsedCertificate> path = new ArrayList<>(List.of(certificate));
            if (!isAnchor(issuer)) {
                path.add(issuer);
                if (!climb(path)) {
                    lastProblem = "no configured CA certificate links its issuer to a trust anchor";
                    continue;
                }
            }
            try {
                return validate(path, at);
            } catch (Untrusted e) {
                lastProblem = e.getMessage();
            }
        }
        throw new Untrusted(lastProblem);
    }

    /** Extends {@code path} by intermediates until its last certificate is issued by an anchor. */
    private boolean climb(List<ParsedCertificate> path) {
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            ParsedCertificate top = path.get(path.size() - 1);
            for (ParsedCertificate anchor : anchors) {
                if (anchor.subject().equals(top.issuer())) {
                    return true;
                }
            }
            ParsedCertificate next = null;
            for (ParsedCertificate candidate : intermediates) {
                if (candidate.subject().equals(top.issuer()) && !path.contains(candidate)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                return false;
            }
            path.add(next);
        }
        return false;
    }

    private Chain validate(List<ParsedCertificate> path, Instant at) throws Untrusted {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(Bc.x509(path.get(0)));
        Instant from = Instant.MIN;
        Instant until = Instant.MAX;
        for (ParsedCertificate ca : path.subList(1, path.size())) {
            certificates.add(jca.get(ca.fingerprint));
            from = later(from, ca.notBefore);
            until = earlier(until, ca.notAfter);
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509", Bc.PROVIDER).generateCertPath(certificates);
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false); // revocation is checked from the CA's CRL or OCSP, ours
            parameters.setDate(Date.from(at));
            var result = (java.security.cert.PKIXCertPathValidatorResult)
                    CertPathValidator.getInstance("PKIX", Bc.PROVIDER).validate(certPath, parameters);
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            from = later(from, anchor.getNotBefore().toInstant());
            until = earlier(until, anchor.getNotAfter().toInstant());
            return new Chain(path.size() > 1 ? path.get(1) : anchorOf(anchor), from, until);
        } catch (Exception e) {
            throw new Untrusted("its chain does not validate: " + e.getMessage());
        }
    }

    private boolean isAnchor(ParsedCertificate certificate) {
        return anchors.stream().anyMatch(a -> a.fingerprint.equals(certificate.fingerprint));
    }

    private ParsedCertificate anchorOf(X509Certificate trusted) throws java.security.cert.CertificateEncodingException {
        byte[] der = trusted.getEncoded();
        return anchors.stream().filter(a -> java.util.Arrays.equals(a.der, der)).findFirst().orElseThrow();
    }

    private static List<ParsedCertificate> concat(List<ParsedCertificate> a, List<ParsedCertificate> b) {
        List<ParsedCertificate> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
