package org.orgcert.kit;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * The CAs' CRLs, downloaded from each certificate's CRL distribution point and kept until their nextUpdate.
 * A CRL is used only when its signature verifies with the issuing CA's key, it names that CA, it is a full
 * CRL (no deltaCRLIndicator) covering end-entity certificates, and it is current (thisUpdate not in the
 * future, nextUpdate not passed). One download per URL at a time; after a failed download the URL is not
 * tried again for {@link #RETRY_AFTER}, and its certificates' status is unknown meanwhile.
 */
final class CrlCache {
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** A CRL without nextUpdate is used for a day after its thisUpdate at most. */
    static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofDays(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Http http;
    private final int maxBytes;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    CrlCache(Http http, int maxBytes, Clock clock) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** A verified CRL reduced to what status lookups need. */
    private record Crl(Instant thisUpdate, Instant nextUpdate, Map<BigInteger, Revocation.Revoked> revoked) {
        boolean current(Instant now) {
            return !now.isBefore(thisUpdate.minus(CLOCK_SKEW)) && now.isBefore(nextUpdate);
        }
    }

    /** One URL and issuer: the current CRL, or why there is none. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Crl crl;
        volatile Instant failedAt;
        volatile String failure;
    }

    Revocation status(ParsedCertificate certificate, ParsedCertificate issuer) {
        String url = certificate.crlUrl();
        if (url == null) {
            return new Revocation.Unknown("the certificate names no http CRL distribution point");
        }
        Slot slot = slots.computeIfAbsent(url + " " + issuer.fingerprint, k -> new Slot());
        Instant now = clock.instant();
        Crl crl = slot.crl;
        if (crl == null || !crl.current(now)) {
            crl = refresh(slot, url, issuer, now);
            if (crl == null) {
                return new Revocation.Unknown(slot.failure);
            }
        }
        Revocation.Revoked revoked = crl.revoked.get(certificate.serial);
        return revoked == null ? new Revocation.Good() : revoked;
    }

    private Crl refresh(Slot slot, String url, ParsedCertificate issuer, Instant now) {
        slot.lock.lock();
        try {
            Crl crl = slot.crl;
            if (crl != null && crl.current(now)) {
                return crl; // another thread fetched it while this one waited
            }
            Instant failedAt = slot.failedAt;
            if (failedAt != null && now.isBefore(failedAt.plus(RETRY_AFTER))) {
                return null;
            }
            try {
                crl = read(http.get(url, maxBytes), issuer, now);
                slot.crl = crl;
                slot.failedAt = null;
                return crl;
            } catch (IOException | KitException e) {
                slot.crl = null;
                slot.failedAt = now;
                slot.failure = "no usable CRL from " + url + ": " + e.getMessage();
                return null;
            }
        } finally {
            slot.lock.unlock();
        }
    }

    /** Parses and checks a CRL of {@code issuer}. */
    private static Crl read(byte[] der, ParsedCertificate issuer, Instant now) {
        CertificateList list;
        try {
            list = CertificateList.getInstance(Der.parse(der, Integer.MAX_VALUE, "the CRL"));
        } catch (KitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KitException(KitException.Kind.MALFORMED, "the CRL's structure is not a CRL", e);
        }
        try {
            TBSCertList tbs = list.getTBSCertList();
            if (!tbs.getIssuer().equals(issuer.subject())) {
                throw bad("it is not the issuing CA's CRL");
            }
            KeyUsage usage = KeyUsage.fromExtensions(issuer.extensions());
            if (usage != null && !usage.hasUsages(KeyUsage.cRLSign)) {
                throw bad("the issuing CA's certificate does not allow it to sign CRLs");
            }
            if (!list.getSignatureAlgorithm().equals(tbs.getSignature())) {
                throw bad("its two signature algorithm fields differ");
            }
            if (!new X509CRLHolder(list).isSignatureValid(Bc.verifier(issuer))) {
                throw bad("its signature does not verify with the issuing CA's key");
            }
            checkExtensions(tbs.getExtensions());
            Instant thisUpdate = DerTime.instant(tbs.getThisUpdate());
            Instant nextUpdate = tbs.getNextUpdate() == null ? thisUpdate.plus(MAX_AGE_WITHOUT_NEXT_UPDATE)
                    : DerTime.instant(tbs.getNextUpdate());
            Crl crl = new Crl(thisUpdate, nextUpdate, entries(tbs));
            if (!crl.current(now)) {
                throw bad("it is not current (thisUpdate " + thisUpdate + ", nextUpdate " + nextUpdate + ")");
            }
            return crl;
        } catch (KitException e) {
            throw e;
        } catch (Exception e) {
            throw new KitException(KitException.Kind.MALFORMED, "the CRL cannot be checked: " + e.getMessage(), e);
        }
    }

    /** A full CRL for end-entity certificates: any other scope, or an unknown critical extension, is unusable. */
    private static void checkExtensions(Extensions extensions) {
        if (extensions == null) {
            return;
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Extension extension = extensions.getExtension(oid);
            if (oid.equals(Extension.deltaCRLIndicator)) {
                throw bad("it is a delta CRL");
            } else if (oid.equals(Extension.issuingDistributionPoint)) {
                IssuingDistributionPoint point = IssuingDistributionPoint.getInstance(extension.getParsedValue());
                if (point.onlyContainsCACerts() || point.onlyContainsAttributeCerts() || point.isIndirectCRL()
                        || point.getOnlySomeReasons() != null) {
                    throw bad("its issuingDistributionPoint limits it to a part of the CA's certificates");
                }
            } else if (extension.isCritical()) {
                throw bad("it has an unknown critical extension " + oid);
            }
        }
    }

    private static Map<BigInteger, Revocation.Revoked> entries(TBSCertList tbs) {
        Map<BigInteger, Revocation.Revoked> revoked = new HashMap<>();
        Enumeration<?> entries = tbs.getRevokedCertificateEnumeration();
        while (entries.hasMoreElements()) {
            TBSCertList.CRLEntry entry = (TBSCertList.CRLEntry) entries.nextElement();
            String reason = "unspecified";
            Extensions extensions = entry.getExtensions();
            if (extensions != null) {
                for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                    if (oid.equals(Extension.reasonCode)) {
                        int code = CRLReason.getInstance(extensions.getExtension(oid).getParsedValue()).getValue()
                                .intValue();
                        if (code == CRLReason.removeFromCRL) {
                            throw bad("a full CRL lists removeFromCRL");
                        }
                        reason = Revocation.reasonName(code);
                    } else if (extensions.getExtension(oid).isCritical()) {
                        throw bad("an entry has an unknown critical extension " + oid);
                    }
                }
            }
            revoked.put(entry.getUserCertificate().getValue(),
                    new Revocation.Revoked(DerTime.instant(entry.getRevocationDate()), reason));
        }
        return revoked;
    }

    private static KitException bad(String why) {
        return new KitException(KitException.Kind.MALFORMED, why);
    }
}
