package org.orgcert.pki.issue;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.orgcert.pki.Asn1Time;
import org.orgcert.pki.Der;
import org.orgcert.pki.DerEncoding;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.Signer;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.profile.CertificateProfile;
import org.orgcert.pki.profile.CertificateProfiles;

/**
 * Issues certificates for one CA in two steps: {@link #prepare} picks the serial, builds the
 * to-be-signed certificate from the profile and lints it; {@link #sign} signs exactly those bytes. The
 * server records the prepared certificate in between (invariant "record before sign").
 *
 * <p>Thread-safe. Extensions that are the same for every certificate of a profile are encoded once per
 * profile, so issuing costs little more than the signature itself.
 */
public final class CertificateIssuer {
    private final Signer signer;
    private final CertificateLinter.Issuer issuer;
    private final CertificateLinter linter;
    private final CaEndpoints endpoints;
    private final CertificateProfiles profiles;
    private final Clock clock;
    private final Map<String, List<Extension>> constantExtensions = new ConcurrentHashMap<>();
    private final byte[] signatureAlgorithm;
    private final PreparationSeals seals = new PreparationSeals();

    /** An issuer for {@code ca}'s certificates under {@code profiles}. */
    public CertificateIssuer(CertificateAuthority ca, CertificateProfiles profiles, Clock clock) {
        this(ca.signer(), new CertificateLinter.Issuer(ca.subject(), ca.keyIdentifier(), ca.notBefore(),
                ca.notAfter(), ca.algorithm(), ca.endpoints()), ca.endpoints(), profiles, clock);
    }

    private CertificateIssuer(Signer signer, CertificateLinter.Issuer issuer, CaEndpoints endpoints,
            CertificateProfiles profiles, Clock clock) {
        this.signer = signer;
        this.issuer = issuer;
        this.linter = new CertificateLinter(issuer);
        this.endpoints = endpoints;
        this.profiles = profiles;
        this.clock = clock;
        try {
            this.signatureAlgorithm = signer.algorithm().signatureAlgorithm().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An issuer that signs its own certificate: used once, to create a root CA. */
    public static CertificateIssuer selfSigned(Signer signer, X500Name name, CertificateProfiles profiles,
            Clock clock) {
        return new CertificateIssuer(signer, new CertificateLinter.Issuer(name, null, null, null,
                signer.algorithm(), null),
                null, profiles, clock);
    }

    /** Prepares and signs in one go, for callers that need not record in between (tests, CA set-up). */
    public IssuedCertificate issue(IssueRequest request) {
        return sign(prepare(request));
    }

    /**
     * Builds and lints the to-be-signed certificate for {@code request}.
     *
     * @throws PkiException LINT when the result would break its profile, UNSUPPORTED_KEY for a key the
     *                      profile does not allow
     */
    public PreparedCertificate prepare(IssueRequest request) {
        CertificateProfile profile = profiles.get(request.profileId());
        KeyAlgorithm key = KeyAlgorithm.of(request.publicKey());
        Instant now = clock.instant();
        Instant notBefore = (request.notBefore() != null ? request.notBefore() : now)
                .truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = request.notAfter() != null ? request.notAfter().truncatedTo(ChronoUnit.SECONDS)
                : notBefore.atOffset(ZoneOffset.UTC).plus(profile.validity()).toInstant();
        X500Name subject;
        String uscc = null;
        if (request.subject() instanceof CertificateSubject.Employer employer) {
            if (!profile.kind().isEmployer()) {
                throw new PkiException(PkiException.Kind.LINT, "profile " + profile.id() + " is not for employers");
            }
            subject = EmployerNames.subject(employer, profile);
            uscc = employer.uscc().value();
        } else {
            if (profile.kind().isEmployer()) {
                throw new PkiException(PkiException.Kind.LINT,
                        "profile " + profile.id() + " needs an employer name and USCC");
            }
            subject = ((CertificateSubject.Named) request.subject()).name();
        }
        BigInteger serial = SerialNumbers.next();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(serial));
        tbs.setSignature(signer.algorithm().signatureAlgorithm());
        tbs.setIssuer(issuer.name()); // for a root, its own name (the linter checks subject == issuer)
        tbs.setStartDate(Asn1Time.time(notBefore));
        tbs.setEndDate(Asn1Time.time(notAfter));
        tbs.setSubject(subject);
        tbs.setSubjectPublicKeyInfo(request.publicKey());
        List<Extension> fixed = constantExtensions.computeIfAbsent(profile.id() + "/" + key.name(),
                id -> ProfileExtensions.constant(profile, key, issuer.keyId(), endpoints));
        List<Extension> variable = ProfileExtensions.perCertificate(profile, request.publicKey(), uscc);
        Extension[] all = new Extension[fixed.size() + variable.size()];
        int i = 0;
        for (Extension extension : fixed) {
            all[i++] = extension;
        }
        for (Extension extension : variable) {
            all[i++] = extension;
        }
        tbs.setExtensions(new Extensions(all));
        TBSCertificate certificate = tbs.generateTBSCertificate();
        linter.check(certificate, profile, now);
        try {
            byte[] der = certificate.getEncoded(ASN1Encoding.DER);
            return new PreparedCertificate(serial, der, profile.id(), notBefore, notAfter,
                    seals.seal(serial, der, profile.id(), notBefore, notAfter));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a TBSCertificate", e);
        }
    }

    /**
     * Signs a prepared certificate. The recorded bytes are parsed again in full (DER only) and linted
     * against the recorded profile as if they had just been built, and the recorded serial and validity
     * must be the ones inside them: bytes recorded for another CA, edited in storage or built by hand
     * (say, a TBS for a rogue sub-CA naming this CA) are refused, never signed.
     *
     * @throws PkiException MALFORMED for bytes that are not a DER TBSCertificate, LINT for one that breaks
     *                      its profile, names another CA or disagrees with the recorded serial or dates
     */
    public IssuedCertificate sign(PreparedCertificate prepared) {
        byte[] tbs = prepared.tbs();
        byte[] seal = prepared.seal();
        if (seal == null || !MessageDigest.isEqual(seal, seals.seal(prepared.serial(), tbs, prepared.profileId(),
                prepared.notBefore(), prepared.notAfter()))) {
            recheck(prepared, tbs);
        }
        byte[] signature = signer.sign(tbs);
        return new IssuedCertificate(prepared.serial(), assemble(tbs, signatureAlgorithm, signature));
    }

    /**
     * The full check of bytes this issuer did not seal in this process: a row read back after a restart, or
     * anything built by hand. Parsed as DER and linted against the recorded profile, with the recorded
     * serial and validity compared, so that no TBS is signed unless it fits its profile.
     */
    private void recheck(PreparedCertificate prepared, byte[] tbs) {
        TBSCertificate parsed = Der.parse(tbs, Der.DEFAULT_LIMIT, "to-be-signed certificate",
                TBSCertificate::getInstance);
        CertificateProfile profile = profiles.get(prepared.profileId());
        List<String> problems = new ArrayList<>(linter.findings(parsed, profile, clock.instant()));
        if (!parsed.getSerialNumber().getValue().equals(prepared.serial())) {
            problems.add("the recorded serial is not the certificate's");
        }
        if (!sameInstant(parsed.getStartDate(), prepared.notBefore())
                || !sameInstant(parsed.getEndDate(), prepared.notAfter())) {
            problems.add("the recorded validity is not the certificate's");
        }
        if (!problems.isEmpty()) {
            throw new PkiException(PkiException.Kind.LINT, "refusing to sign: this to-be-signed certificate was "
                    + "not prepared by this CA under profile " + profile.id() + ": " + String.join("; ", problems));
        }
    }

    private static boolean sameInstant(org.bouncycastle.asn1.x509.Time time, Instant recorded) {
        try {
            return recorded != null && Asn1Time.instant(time).equals(recorded);
        } catch (PkiException e) {
            return false;
        }
    }

    /** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
    private static byte[] assemble(byte[] tbs, byte[] algorithm, byte[] signature) {
        byte[] bits = DerEncoding.bitString(signature);
        int contentLength = tbs.length + algorithm.length + bits.length;
        byte[] header = DerEncoding.header(DerEncoding.TAG_SEQUENCE, contentLength);
        byte[] out = new byte[header.length + contentLength];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(tbs, 0, out, header.length, tbs.length);
        System.arraycopy(algorithm, 0, out, header.length + tbs.length, algorithm.length);
        System.arraycopy(bits, 0, out, header.length + tbs.length + algorithm.length, bits.length);
        return out;
    }
}
