package org.orgcert.pki.path;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.orgcert.pki.Pki;
import org.orgcert.pki.crl.RevocationReason;

/**
 * Validates a certificate the way a relying platform should (R-USE interpretation): a chain to one of the
 * configured roots checked by Bouncy Castle's PKIX validator (which, unlike the JDK's, handles SM2), then
 * the end-entity's status from an OCSP response or the issuer's CRL (plus delta CRLs). Intermediate CAs
 * are checked against CRLs when the caller supplies them; a root CA's CRL is published rarely and
 * offline, so its absence is not an error.
 */
public final class PathValidator {
    /** Tolerated clock difference between the relying party and the CA for thisUpdate. */
    private static final Duration SKEW = Duration.ofMinutes(5);
    /** The oldest an OCSP response without nextUpdate may be (RFC 6960 4.2.2.1 leaves it to local policy). */
    private static final Duration MAX_OCSP_AGE = Duration.ofDays(7);

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final Clock clock;

    /** A validator that trusts exactly {@code roots}. */
    public PathValidator(List<X509CertificateHolder> roots, Clock clock) {
        for (X509CertificateHolder root : roots) {
            anchors.add(new TrustAnchor(toX509(root), null));
        }
        this.clock = clock;
    }

    /**
     * Validates {@code target} through {@code intermediates} (nearest first) to a trusted root.
     *
     * @param evidence CRLs and OCSP responses the relying party has fetched
     */
    public PathResult validate(X509CertificateHolder target, List<X509CertificateHolder> intermediates,
            StatusEvidence evidence) {
        Instant now = clock.instant();
        List<X509CertificateHolder> chain = new ArrayList<>();
        chain.add(target);
        chain.addAll(intermediates);
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (X509CertificateHolder holder : chain) {
                certificates.add(toX509(holder));
            }
            CertPath path = CertificateFactory.getInstance("X.509", Pki.provider()).generateCertPath(certificates);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // status is checked below, from the evidence given
            parameters.setDate(Date.from(now));
            var result = (java.security.cert.PKIXCertPathValidatorResult)
                    CertPathValidator.getInstance("PKIX", Pki.provider()).validate(path, parameters);
            chain.add(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(result.getTrustAnchor().getTrustedCert()));
        } catch (CertPathValidatorException e) {
            return new PathResult.Invalid("the certificate path does not validate: " + e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            return new PathResult.Invalid("the certificate path cannot be checked: " + e.getMessage());
        }

        String endEntityEvidence = null;
        for (int i = 0; i < chain.size() - 1; i++) {
            X509CertificateHolder certificate = chain.get(i);
            X509CertificateHolder issuer = chain.get(i + 1);
            List<String> problems = new ArrayList<>();
            Optional<Status> status = ocspStatus(certificate, issuer, evidence, now, problems);
            String source = "OCSP";
            if (status.isEmpty()) {
                status = crlStatus(certificate, issuer, evidence, now, problems);
                source = "CRL";
            }
            if (status.isEmpty()) {
                if (i == 0) {
                    return new PathResult.Invalid("no usable status for the certificate"
                            + (problems.isEmpty() ? " (no OCSP response or CRL for it)" : ": " + String.join("; ", problems)));
                }
                continue;
            }
            if (status.get() instanceof Status.Revoked revoked) {
                if (i == 0) {
                    return new PathResult.Revoked(revoked.at(), revoked.reason());
                }
                return new PathResult.Invalid("CA certificate " + certificate.getSubject() + " is revoked ("
                        + revoked.reason() + ")");
            }
            if (status.get() instanceof Status.Unknown) {
                return new PathResult.Invalid("the responder does not know certificate " + certificate.getSerialNumber());
            }
            if (i == 0) {
                endEntityEvidence = source;
            }
        }
        return new PathResult.Valid(List.copyOf(chain), endEntityEvidence);
    }

    /** A certificate's status as one piece of evidence tells it. */
    private sealed interface Status {
        record Good() implements Status {
        }

        record Revoked(Instant at, RevocationReason reason) implements Status {
        }

        record Unknown() implements Status {
        }
    }

    /**
     * The status from the OCSP responses that speak for {@code certificate}: each response is judged on its
     * own (any failure, Bouncy Castle's RuntimeExceptions included, only disqualifies that response and is
     * recorded as a problem); of the usable ones a revoked answer wins over good, otherwise the one with the
     * newest thisUpdate counts.
     */
    private Optional<Status> ocspStatus(X509CertificateHolder certificate, X509CertificateHolder issuer,
            StatusEvidence evidence, Instant now, List<String> problems) {
        BigInteger serial = certificate.getSerialNumber();
        Status newest = null;
        Instant newestUpdate = null;
        Status revoked = null;
        for (byte[] der : evidence.ocspResponses()) {
            try {
                OCSPResp response = new OCSPResp(der);
                if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                    problems.add("OCSP response status " + response.getStatus());
                    continue;
                }
                BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
                SingleResp single = matching(basic, issuer, serial);
                if (single == null) {
                    continue;
                }
                if (!signedByIssuerOrDelegate(basic, issuer, now)) {
                    problems.add("OCSP response not signed by the CA or its authorised responder");
                    continue;
                }
                Instant thisUpdate = single.getThisUpdate().toInstant();
                Date nextUpdate = single.getNextUpdate();
                if (thisUpdate.isAfter(now.plus(SKEW))
                        || nextUpdate != null && nextUpdate.toInstant().isBefore(now)
                        || nextUpdate == null && thisUpdate.isBefore(now.minus(MAX_OCSP_AGE))) {
                    problems.add("OCSP response out of date (thisUpdate " + thisUpdate + ", nextUpdate "
                            + (nextUpdate == null ? "none, so at most " + MAX_OCSP_AGE.toDays() + " days old" : nextUpdate.toInstant()) + ")");
                    continue;
                }
                Status status = status(single.getCertStatus());
                if (status instanceof Status.Revoked && revoked == null) {
                    revoked = status;
                }
                if (newestUpdate == null || thisUpdate.isAfter(newestUpdate)) {
                    newest = status;
                    newestUpdate = thisUpdate;
                }
            } catch (IOException | OCSPException | OperatorCreationException | RuntimeException e) {
                problems.add("unreadable OCSP response: " + e.getMessage());
            }
        }
        return Optional.ofNullable(revoked != null ? revoked : newest);
    }

    private static Status status(CertificateStatus status) {
        if (status == CertificateStatus.GOOD) {
            return new Status.Good();
        }
        if (status instanceof RevokedStatus revoked) {
            return new Status.Revoked(revoked.getRevocationTime().toInstant(),
                    revoked.hasRevocationReason() ? RevocationReason.fromCode(revoked.getRevocationReason())
                            : RevocationReason.UNSPECIFIED);
        }
        return new Status.Unknown();
    }

    private static SingleResp matching(BasicOCSPResp basic, X509CertificateHolder issuer, BigInteger serial)
            throws OCSPException, OperatorCreationException {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(Pki.provider()).build();
        for (SingleResp single : basic.getResponses()) {
            if (single.getCertID().getSerialNumber().equals(serial) && single.getCertID().matchesIssuer(issuer, digests)) {
                return single;
            }
        }
        return null;
    }

    /** RFC 6960 4.2.2.2: signed by the CA itself, or by a certificate the CA issued with id-kp-OCSPSigning. */
    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509CertificateHolder issuer, Instant now)
            throws OCSPException, OperatorCreationException {
        if (basic.isSignatureValid(verifier(issuer))) {
            return true;
        }
        for (X509CertificateHolder responder : basic.getCerts()) {
            try {
                boolean delegated = responder.getIssuer().equals(issuer.getSubject())
                        && responder.isSignatureValid(verifier(issuer))
                        && responder.isValidOn(Date.from(now))
                        && responder.getExtension(Extension.extendedKeyUsage) != null
                        && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                                .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
                if (delegated && basic.isSignatureValid(verifier(responder))) {
                    return true;
                }
            } catch (org.bouncycastle.cert.CertException e) {
                // not this one
            }
        }
        return false;
    }

    /**
     * The status from the issuer's CRLs: the full CRL with the highest number, then the newest delta CRL
     * that builds on it (base ≤ full's number, RFC 5280 5.2.4) and is itself newer than it (number greater
     * than the full CRL's; an older delta would undo later revocations). Each CRL is judged on its own: any
     * failure only disqualifies it and is recorded as a problem.
     */
    private Optional<Status> crlStatus(X509CertificateHolder certificate, X509CertificateHolder issuer,
            StatusEvidence evidence, Instant now, List<String> problems) {
        NumberedCrl full = null;
        List<NumberedCrl> deltas = new ArrayList<>();
        for (X509CRLHolder crl : evidence.crls()) {
            try {
                if (!crl.getIssuer().equals(issuer.getSubject())) {
                    continue;
                }
                if (!crl.isSignatureValid(verifier(issuer))) {
                    problems.add("CRL signature does not verify");
                    continue;
                }
                if (crl.getThisUpdate().toInstant().isAfter(now.plus(SKEW))
                        || crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isBefore(now)) {
                    problems.add("CRL out of date (nextUpdate " + crl.getNextUpdate() + ")");
                    continue;
                }
                Extension indicator = crl.getExtension(Extension.deltaCRLIndicator);
                BigInteger base = indicator == null ? null
                        : ASN1Integer.getInstance(indicator.getParsedValue()).getValue();
                NumberedCrl numbered = new NumberedCrl(crl, crlNumber(crl), base);
                if (base != null) {
                    deltas.add(numbered);
                } else if (full == null || numbered.number().compareTo(full.number()) > 0) {
                    full = numbered;
                }
            } catch (OperatorCreationException | org.bouncycastle.cert.CertException | RuntimeException e) {
                problems.add("unreadable CRL: " + e.getMessage());
            }
        }
        if (full == null) {
            return Optional.empty();
        }
        BigInteger serial = certificate.getSerialNumber();
        Status status;
        try {
            status = entryStatus(full.crl().getRevokedCertificate(serial));
        } catch (RuntimeException e) {
            problems.add("unreadable CRL entry: " + e.getMessage());
            return Optional.empty();
        }
        NumberedCrl newestDelta = null;
        for (NumberedCrl delta : deltas) {
            if (delta.base().compareTo(full.number()) <= 0 && delta.number().compareTo(full.number()) > 0
                    && (newestDelta == null || delta.number().compareTo(newestDelta.number()) > 0)) {
                newestDelta = delta;
            }
        }
        if (newestDelta != null) {
            try {
                X509CRLEntryHolder entry = newestDelta.crl().getRevokedCertificate(serial);
                if (entry != null) {
                    Status deltaStatus = entryStatus(entry);
                    status = deltaStatus instanceof Status.Revoked r && r.reason() == RevocationReason.REMOVE_FROM_CRL
                            ? new Status.Good() : deltaStatus;
                }
            } catch (RuntimeException e) {
                problems.add("unreadable delta CRL entry: " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(status);
    }

    private record NumberedCrl(X509CRLHolder crl, BigInteger number, BigInteger base) {
    }

    private static Status entryStatus(X509CRLEntryHolder entry) {
        if (entry == null) {
            return new Status.Good();
        }
        Extension reason = entry.getExtensions() == null ? null : entry.getExtensions().getExtension(Extension.reasonCode);
        RevocationReason why = reason == null ? RevocationReason.UNSPECIFIED
                : RevocationReason.of(CRLReason.getInstance(reason.getParsedValue()));
        return new Status.Revoked(entry.getRevocationDate().toInstant(), why);
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        Extension number = crl.getExtension(Extension.cRLNumber);
        return number == null ? BigInteger.ZERO
                : ASN1Integer.getInstance(number.getParsedValue()).getValue();
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder certificate) throws OperatorCreationException {
        try {
            return new JcaContentVerifierProviderBuilder().setProvider(Pki.provider()).build(certificate);
        } catch (java.security.cert.CertificateException e) {
            throw new OperatorCreationException("unusable certificate " + certificate.getSubject(), e);
        }
    }

    private static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(Pki.provider()).getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("certificate " + holder.getSubject() + " cannot be read", e);
        }
    }
}
