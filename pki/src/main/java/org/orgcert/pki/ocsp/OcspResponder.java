package org.orgcert.pki.ocsp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.orgcert.pki.Der;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.Signer;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.ca.CertifiedSigner;
import org.orgcert.pki.crl.RevocationReason;

/**
 * The RFC 6960 OCSP responder core for one issuing CA: request bytes in, response bytes out. Relying
 * platforms call it to check an employer certificate before they trust a signature (R-USE interpretation).
 *
 * <p>Answers:
 * <ul>
 *   <li>a malformed request (not DER, truncated, wrong structure, over 64 KiB, no single request, more than
 *       {@value #MAX_SINGLE_REQUESTS}, an unsupported version, a nonce over 32 octets) gets an unsigned
 *       {@code malformedRequest}; {@code respond} never throws;</li>
 *   <li>a request none of whose CertIDs names this CA gets {@code unauthorized} (RFC 6960 2.3): this
 *       responder cannot speak for other CAs; if some do, the others are answered {@code unknown};</li>
 *   <li>otherwise a successful BasicOCSPResponse signed through the delegated OCSP signer's {@link Signer},
 *       responderID byKey, the signer's certificate in {@code certs}, thisUpdate now, nextUpdate after
 *       the configured validity, and the request's nonce echoed (RFC 8954);</li>
 *   <li>a status source failure gets {@code internalError}.</li>
 * </ul>
 * CertIDs may hash with SHA-1, SHA-256, SHA-384, SHA-512 or SM3. A request signature (optional in RFC 6960)
 * is ignored: requests are not authenticated, responses are.
 *
 * <p>Single-CertID requests without a nonce (what browsers, OpenSSL with -no_nonce and most platforms send)
 * are answered from pre-signed responses: see {@link OcspResponseCache}. After a revocation (or any status
 * change) is committed, the server calls {@link #invalidate} or {@link #refresh} for the serial.
 *
 * <p>Thread-safe.
 */
public final class OcspResponder {
    /** Single requests per OCSP request; more are refused as malformed so one request cannot cost a scan. */
    public static final int MAX_SINGLE_REQUESTS = 64;
    /** RFC 8954 2.1: a nonce is 1 to 32 octets; clients wrap it in an OCTET STRING (2 more octets). */
    private static final int MAX_NONCE_EXTENSION_VALUE = 34;
    private static final int MAX_NONCE = 32;

    /** Clock difference tolerated between the host that issued the signer certificate and this one. */
    private static final java.time.Duration NOT_BEFORE_SKEW = java.time.Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(OcspResponder.class.getName());
    private static final byte[] MALFORMED_REQUEST = unsigned(OCSPRespBuilder.MALFORMED_REQUEST);
    private static final byte[] INTERNAL_ERROR = unsigned(OCSPRespBuilder.INTERNAL_ERROR);
    private static final byte[] UNAUTHORIZED = unsigned(OCSPRespBuilder.UNAUTHORIZED);

    private final Signer signer;
    private final X509CertificateHolder[] certs;
    private final RespID responderId;
    private final IssuerIds issuer;
    private final StatusSource source;
    private final Clock clock;
    private final OcspSettings settings;
    private final OcspResponseCache cache;
    private final Instant signerNotAfter;

    /**
     * A responder for {@code issuing}'s certificates.
     *
     * @param issuing    the CA whose certificates it answers for (its key is not used)
     * @param ocspSigner the delegated responder (id-kp-OCSPSigning, issued by {@code issuing}); signs every
     *                   response
     * @param source     the status of each serial
     * @param clock      the time of thisUpdate and producedAt
     * @param settings   validity, cache refresh margin and cache size (nextUpdate is capped at the signer
     *                   certificate's notAfter)
     * @throws PkiException PATH when the signer's certificate is not signed by {@code issuing}, lacks
     *                      id-kp-OCSPSigning, does not certify the signer's key or is not valid now
     */
    public OcspResponder(CertificateAuthority issuing, CertifiedSigner ocspSigner, StatusSource source, Clock clock,
            OcspSettings settings) {
        this.signer = ocspSigner.signer();
        this.certs = new X509CertificateHolder[] {ocspSigner.certificate()};
        this.issuer = new IssuerIds(issuing.certificate());
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = new OcspResponseCache(settings.maxCached());
        this.signerNotAfter = checkDelegation(issuing, ocspSigner, clock.instant());
        try {
            // byKey: SHA-1 of the responder's subjectPublicKey BIT STRING contents (RFC 6960 4.2.1).
            byte[] key = ocspSigner.certificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
            this.responderId = new RespID(new ResponderID(new DEROctetString(
                    MessageDigest.getInstance("SHA-1", Pki.provider()).digest(key))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /**
     * RFC 6960 4.2.2.2: the delegated signer's certificate must be signed by the CA's key (not merely name
     * it), carry id-kp-OCSPSigning and be valid now, and certify the signer's key.
     *
     * @return the signer certificate's notAfter, which caps every nextUpdate
     * @throws PkiException PATH naming what is wrong
     */
    private static Instant checkDelegation(CertificateAuthority issuing, CertifiedSigner ocspSigner, Instant now) {
        X509CertificateHolder certificate = ocspSigner.certificate();
        String who = "the OCSP signer " + certificate.getSubject();
        if (!certificate.getIssuer().equals(issuing.subject())) {
            throw new PkiException(PkiException.Kind.PATH, who + " is not certified by " + issuing.subject()
                    + " (RFC 6960 4.2.2.2)");
        }
        try {
            if (!certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.provider())
                    .build(issuing.certificate()))) {
                throw new PkiException(PkiException.Kind.PATH, who + "'s certificate is not signed by "
                        + issuing.subject() + "'s key (RFC 6960 4.2.2.2)");
            }
            if (!java.util.Arrays.equals(certificate.getSubjectPublicKeyInfo().getEncoded(),
                    ocspSigner.signer().publicKey().getEncoded())) {
                throw new PkiException(PkiException.Kind.PATH, who + "'s certificate does not certify its signer's key");
            }
        } catch (OperatorCreationException | CertException | IOException | java.security.cert.CertificateException e) {
            throw new PkiException(PkiException.Kind.PATH, who + "'s certificate cannot be checked: " + e.getMessage(), e);
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
            throw new PkiException(PkiException.Kind.PATH, who + " lacks id-kp-OCSPSigning (RFC 6960 4.2.2.2)");
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.plus(NOT_BEFORE_SKEW).isBefore(notBefore) || !now.isBefore(notAfter)) {
            throw new PkiException(PkiException.Kind.PATH, who + " is valid from " + notBefore + " to " + notAfter
                    + ", not now (" + now + "): renew it (CaHierarchy.renewOcspSignerIfDue)");
        }
        return notAfter;
    }

    /** The end of the signer certificate's validity: no response is valid beyond it. */
    public Instant signerNotAfter() {
        return signerNotAfter;
    }

    /**
     * Answers one DER OCSPRequest with a DER OCSPResponse. Never throws: every failure is an OCSP error
     * status. The returned array is the caller's own.
     */
    public byte[] respond(byte[] request) {
        OcspResponseCache.Key quick = FastRequestParser.cacheKey(request, issuer);
        if (quick != null) {
            return respondCached(quick);
        }
        ParsedRequest parsed;
        try {
            parsed = parse(request);
        } catch (RuntimeException e) {
            // PkiException MALFORMED or TOO_LARGE from Der, or Bouncy Castle failing on a lazily parsed part.
            return MALFORMED_REQUEST.clone();
        }
        try {
            List<Single> singles = new ArrayList<>(parsed.ids().size());
            boolean any = false;
            for (CertID id : parsed.ids()) {
                int variant = issuer.variant(id.getHashAlgorithm());
                boolean ours = variant >= 0 && issuer.matches(variant, id);
                any |= ours;
                singles.add(new Single(id, variant, ours));
            }
            if (!any) {
                return UNAUTHORIZED.clone();
            }
            if (parsed.nonce() == null && singles.size() == 1) {
                Single only = singles.get(0);
                return respondCached(new OcspResponseCache.Key(only.id().getSerialNumber().getValue(), only.variant()));
            }
            List<SingleAnswer> answers = new ArrayList<>(singles.size());
            for (Single single : singles) {
                answers.add(new SingleAnswer(single.id(), single.ours()
                        ? status(single.id().getSerialNumber().getValue()) : CertificateStatus.UNKNOWN));
            }
            return sign(answers, parsed.nonce(), clock.instant());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "OCSP response failed; answering internalError", e);
            return INTERNAL_ERROR.clone();
        }
    }

    /**
     * Forgets the pre-signed responses for {@code serial}. Call it after a status change is committed to
     * the store the {@link StatusSource} reads; the next request signs afresh.
     */
    public void invalidate(BigInteger serial) {
        cache.invalidate(serial);
    }

    /**
     * Like {@link #invalidate}, then signs the serial's responses again at once (for the CertID variants
     * that were cached, or the SHA-1 one OpenSSL and most clients send), so the next request is fast.
     */
    public void refresh(BigInteger serial) {
        List<Integer> variants = cache.invalidate(serial);
        if (variants.isEmpty()) {
            variants = List.of(IssuerIds.DEFAULT_VARIANT);
        }
        for (int variant : variants) {
            respondCached(new OcspResponseCache.Key(serial, variant));
        }
    }

    /** How many pre-signed responses are held, for metrics. */
    public int cachedResponses() {
        return cache.size();
    }

    private byte[] respondCached(OcspResponseCache.Key key) {
        try {
            long now = clock.millis();
            OcspResponseCache.Entry entry = cache.fresh(key, now);
            if (entry != null) {
                return entry.der().clone();
            }
            long generation = cache.generation();
            CertificateStatus status = status(key.serial());
            Instant thisUpdate = clock.instant();
            byte[] der = sign(List.of(new SingleAnswer(issuer.certId(key.variant(), key.serial()), status)), null,
                    thisUpdate);
            // Unknown serials are not cached: a flood of made-up serials must not fill memory, and a serial
            // being issued right now needs no invalidation when it becomes known.
            if (!(status instanceof CertificateStatus.Unknown)) {
                long refreshAt = nextUpdate(thisUpdate.truncatedTo(ChronoUnit.SECONDS))
                        .minus(settings.refreshMargin()).toEpochMilli();
                cache.store(key, new OcspResponseCache.Entry(der, refreshAt), generation);
                return der.clone();
            }
            return der;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "OCSP response failed; answering internalError", e);
            return INTERNAL_ERROR.clone();
        }
    }

    private CertificateStatus status(BigInteger serial) {
        return Objects.requireNonNull(source.status(serial), "the status source answered null for " + serial);
    }

    /** Parses and checks the request; any failure is a malformed request. */
    private static ParsedRequest parse(byte[] request) {
        OCSPRequest ocsp = Der.parse(request, Der.DEFAULT_LIMIT, "OCSP request", OCSPRequest::getInstance);
        TBSRequest tbs = ocsp.getTbsRequest();
        if (tbs.getVersion().getValue().signum() != 0) {
            throw new PkiException(PkiException.Kind.MALFORMED, "only OCSP request version v1 exists");
        }
        ASN1Sequence list = tbs.getRequestList();
        if (list.size() == 0 || list.size() > MAX_SINGLE_REQUESTS) {
            throw new PkiException(PkiException.Kind.MALFORMED, "an OCSP request needs 1 to "
                    + MAX_SINGLE_REQUESTS + " single requests, not " + list.size());
        }
        List<CertID> ids = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            CertID id = Request.getInstance(list.getObjectAt(i)).getReqCert();
            // Touch every field now, so a lazily parsed structure fails here and not while signing.
            id.getHashAlgorithm().getAlgorithm();
            id.getIssuerNameHash().getOctets();
            id.getIssuerKeyHash().getOctets();
            id.getSerialNumber().getValue();
            ids.add(id);
        }
        Extension nonce = null;
        Extensions extensions = tbs.getRequestExtensions();
        if (extensions != null) {
            Extension sent = extensions.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (sent != null) {
                byte[] value = sent.getExtnValue().getOctets();
                // RFC 8954 2.1: Nonce ::= OCTET STRING (SIZE(1..32)); "04 00" or any other type is malformed.
                ASN1OctetString octets = value.length == 0 ? null
                        : Der.parse(value, MAX_NONCE_EXTENSION_VALUE, "nonce", ASN1OctetString::getInstance);
                if (octets == null || octets.getOctets().length == 0 || octets.getOctets().length > MAX_NONCE) {
                    throw new PkiException(PkiException.Kind.MALFORMED,
                            "the nonce must be an OCTET STRING of 1 to 32 octets (RFC 8954)");
                }
                nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, value);
            }
        }
        return new ParsedRequest(ids, nonce);
    }

    /** Builds and signs a successful response. */
    private byte[] sign(List<SingleAnswer> answers, Extension nonce, Instant now) {
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        if (!thisUpdate.isBefore(signerNotAfter)) {
            throw new IllegalStateException("the OCSP signer's certificate expired at " + signerNotAfter
                    + "; renew it (CaHierarchy.renewOcspSignerIfDue)");
        }
        Date thisDate = Date.from(thisUpdate);
        Date nextDate = Date.from(nextUpdate(thisUpdate));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
        for (SingleAnswer answer : answers) {
            builder.addResponse(new CertificateID(answer.id()), bcStatus(answer.status()), thisDate, nextDate, null);
        }
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        try {
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                    builder.build(signer.contentSigner(), certs, thisDate)).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot build an OCSP response", e);
        }
    }

    /** thisUpdate plus the configured validity, but never past the signer certificate's notAfter. */
    private Instant nextUpdate(Instant thisUpdate) {
        Instant next = thisUpdate.plus(settings.validity());
        return next.isAfter(signerNotAfter) ? signerNotAfter : next;
    }

    private static org.bouncycastle.cert.ocsp.CertificateStatus bcStatus(CertificateStatus status) {
        if (status instanceof CertificateStatus.Good) {
            return org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
        }
        if (status instanceof CertificateStatus.Revoked revoked) {
            RevocationReason reason = revoked.reason();
            // As in CRL entries, an unspecified reason is left out rather than written.
            return new RevokedStatus(new RevokedInfo(
                    new ASN1GeneralizedTime(Date.from(revoked.revocationTime().truncatedTo(ChronoUnit.SECONDS))),
                    reason == RevocationReason.UNSPECIFIED ? null : reason.toCrlReason()));
        }
        return new UnknownStatus();
    }

    /** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED } for the unsigned error statuses. */
    private static byte[] unsigned(int status) {
        return new byte[] {0x30, 0x03, 0x0a, 0x01, (byte) status};
    }

    private record ParsedRequest(List<CertID> ids, Extension nonce) {
    }

    private record Single(CertID id, int variant, boolean ours) {
    }

    private record SingleAnswer(CertID id, CertificateStatus status) {
    }
}
