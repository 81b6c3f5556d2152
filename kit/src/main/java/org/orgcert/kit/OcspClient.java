package org.orgcert.kit;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks the CA's OCSP responder (the certificate's authorityInfoAccess URL) with a fresh nonce (RFC 8954)
 * and believes the answer only when it is signed by the issuing CA or by a responder certificate the CA
 * issued with id-kp-OCSPSigning that is valid now, echoes the nonce, answers for exactly the CertID asked,
 * and is current. Anything else is "unknown", never "good".
 */
final class OcspClient {
    /** An OCSP response for one certificate is a few KiB; more is not a response. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Http http;
    private final Clock clock;
    private final SecureRandom random;

    OcspClient(Http http, Clock clock, SecureRandom random) {
        this.http = http;
        this.clock = clock;
        this.random = random;
    }

    Revocation status(ParsedCertificate certificate, ParsedCertificate issuer) {
        String url = certificate.ocspUrl();
        if (url == null) {
            return new Revocation.Unknown("the certificate names no http OCSP responder");
        }
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER)
                    .build().get(CertificateID.HASH_SHA1), new X509CertificateHolder(issuer.structure), certificate.serial);
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            Extension nonceExtension = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded());
            byte[] request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(nonceExtension)).build().getEncoded();
            byte[] response = http.post(url, "application/ocsp-request", request, MAX_RESPONSE_BYTES);
            return read(response, id, nonceExtension, issuer, clock.instant());
        } catch (IOException e) {
            return new Revocation.Unknown("the OCSP responder " + url + " did not answer: " + e.getMessage());
        } catch (KitException e) {
            return new Revocation.Unknown("the OCSP response from " + url + " is not usable: " + e.getMessage());
        } catch (Exception e) {
            return new Revocation.Unknown("the OCSP response from " + url + " cannot be checked: " + e.getMessage());
        }
    }

    private static Revocation read(byte[] der, CertificateID id, Extension nonce, ParsedCertificate issuer,
            Instant now) throws Exception {
        OCSPResp response = new OCSPResp(OCSPResponse.getInstance(Der.parse(der, MAX_RESPONSE_BYTES, "the OCSP response")));
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return new Revocation.Unknown("the OCSP responder answered status " + response.getStatus());
        }
        if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
            return new Revocation.Unknown("the OCSP response is not a basic response");
        }
        if (!signedByIssuerOrDelegate(basic, issuer, now)) {
            return new Revocation.Unknown("the OCSP response is not signed by the CA or an OCSP signer it certified");
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed == null || !Arrays.equals(echoed.getExtnValue().getOctets(), nonce.getExtnValue().getOctets())) {
            return new Revocation.Unknown("the OCSP response does not echo the request's nonce (a replay?)");
        }
        for (SingleResp single : basic.getResponses()) {
            if (!single.getCertID().equals(id)) {
                continue;
            }
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Date next = single.getNextUpdate();
            if (thisUpdate.isAfter(now.plus(CLOCK_SKEW)) || next != null && next.toInstant().isBefore(now)) {
                return new Revocation.Unknown("the OCSP response is not current");
            }
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new Revocation.Good();
            }
            if (status instanceof RevokedStatus revoked) {
                return new Revocation.Revoked(revoked.getRevocationTime().toInstant(),
                        revoked.hasRevocationReason() ? Revocation.reasonName(revoked.getRevocationReason())
                                : "unspecified");
            }
            return new Revocation.Unknown("the OCSP responder does not know the certificate");
        }
        return new Revocation.Unknown("the OCSP response does not answer for the certificate asked about");
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, ParsedCertificate issuer, Instant now)
            throws Exception {
        if (verifies(basic, issuer)) {
            return true;
        }
        Date at = Date.from(now);
        for (X509CertificateHolder candidate : basic.getCerts()) {
            if (candidate.getIssuer().equals(issuer.subject()) && candidate.isValidOn(at)
                    && candidate.isSignatureValid(Bc.verifier(issuer))
                    && hasOcspSigning(candidate)
                    && verifies(basic, ParsedCertificate.parse(candidate.getEncoded()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the response's signature verifies with the key of {@code signer}; a mismatched key is false. */
    private static boolean verifies(BasicOCSPResp basic, ParsedCertificate signer) {
        try {
            return basic.isSignatureValid(Bc.verifier(signer));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean hasOcspSigning(X509CertificateHolder certificate) {
        var usage = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }
}
