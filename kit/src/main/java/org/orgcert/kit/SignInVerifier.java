package org.orgcert.kit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The certificate and signature checks a relying platform needs to sign employers in with their USB key,
 * without OrgCert's code: the server calls of the certificate application interface (GB/T 43694-2024, the
 * successor of GM/T 0020-2012), by these names:
 *
 * <table>
 * <caption>GB/T 43694 server calls and this class</caption>
 * <tr><th>standard</th><th>here</th></tr>
 * <tr><td>SOF_GenRandom</td><td>{@link #genRandom(int)}</td></tr>
 * <tr><td>SOF_VerifySignedData</td><td>{@link #verifySignedData(byte[], byte[], byte[])}: the algorithm
 *     follows the certificate's key (SOF_SetSignMethod's choice is
 *     {@link #verifySignedData(byte[], byte[], byte[], SignatureAlgorithm)})</td></tr>
 * <tr><td>SOF_ValidateCert</td><td>{@link #validateCertificate(byte[])}: a typed result instead of a number
 *     (implementations number their results differently)</td></tr>
 * <tr><td>SOF_GetCertInfoByOid</td><td>{@link #getCertInfoByOid(byte[], String)}</td></tr>
 * </table>
 *
 * <p>Certificates and signatures are bytes (DER), not the standard's Base64 strings: decode at the edge.
 * Every input is untrusted: sizes are limited, only DER is read, and no Bouncy Castle exception escapes
 * (a {@link KitException} or a {@link CertificateValidation} says what was wrong). Thread-safe; make one
 * per platform and keep it (it caches certificates it has seen and the CAs' CRLs).
 *
 * <p>For the sign-in challenge of docs/signin.md, use {@link ChallengeVerifier} on top of this.
 */
public final class SignInVerifier {
    private static final int MAX_RANDOM_BYTES = 1024;

    private final TrustChains chains;
    private final RevocationSource revocationSource;
    private final CrlCache crls;
    private final OcspClient ocsp;
    private final KnownCertificates known;
    private final IdentityOids identityOids;
    private final Clock clock;
    private final SecureRandom random;

    private SignInVerifier(Builder b) {
        this.chains = new TrustChains(parseAll(b.anchors), parseAll(b.issuingCas), parseAll(b.intermediates));
        this.revocationSource = b.revocationSource;
        this.clock = b.clock;
        this.random = b.random;
        Http http = new Http(b.httpTimeout);
        this.crls = new CrlCache(http, b.maxCrlBytes, b.clock);
        this.ocsp = new OcspClient(http, b.clock, b.random);
        this.known = new KnownCertificates(b.cacheSize);
        this.identityOids = b.identityOids;
    }

    /** A builder; at least one trust anchor is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * SOF_GenRandom: {@code bytes} bytes from a cryptographically strong generator.
     *
     * @throws KitException BAD_ARGUMENT unless 1 ≤ bytes ≤ 1024
     */
    public byte[] genRandom(int bytes) {
        if (bytes < 1 || bytes > MAX_RANDOM_BYTES) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "ask for 1 to " + MAX_RANDOM_BYTES + " random bytes");
        }
        byte[] out = new byte[bytes];
        random.nextBytes(out);
        return out;
    }

    /**
     * SOF_VerifySignedData: checks that {@code signature} over {@code data} was made with the key of the
     * certificate, in the algorithm of that key: SM3withSM2 (user ID 1234567812345678), SHA256withECDSA
     * or SHA256withRSA. It does not validate the certificate; call {@link #validateCertificate} for that (or
     * use {@link ChallengeVerifier}, which does both).
     *
     * @throws KitException BAD_SIGNATURE when it does not verify; WRONG_ALGORITHM when the signature cannot be
     *                      of the key's algorithm (an RSA signature for an EC key, or the reverse); MALFORMED,
     *                      TOO_LARGE, UNSUPPORTED_KEY for the certificate
     */
    public void verifySignedData(byte[] certificateDer, byte[] data, byte[] signature) {
        verify(known.get(certificateDer).certificate, data, signature);
    }

    /**
     * As {@link #verifySignedData(byte[], byte[], byte[])}, for a platform that expects one algorithm
     * (SOF_SetSignMethod).
     *
     * @throws KitException WRONG_ALGORITHM when the certificate's key is of another algorithm
     */
    public void verifySignedData(byte[] certificateDer, byte[] data, byte[] signature, SignatureAlgorithm expected) {
        ParsedCertificate certificate = known.get(certificateDer).certificate;
        if (certificate.key.algorithm() != Objects.requireNonNull(expected, "expected")) {
            throw new KitException(KitException.Kind.WRONG_ALGORITHM, "the certificate's key signs "
                    + certificate.key.algorithm().jcaName() + ", not " + expected.jcaName());
        }
        verify(certificate, data, signature);
    }

    /**
     * SOF_ValidateCert: whether the certificate chains to a configured trust anchor through a configured
     * issuing CA, is within its validity, has keyUsage digitalSignature, and is not revoked according to its
     * CA's CRL or OCSP responder (see {@link RevocationSource}). Never throws on bad input.
     */
    public CertificateValidation validateCertificate(byte[] certificateDer) {
        return check(certificateDer).validation();
    }

    /**
     * SOF_GetCertInfoByOid: the string value of the certificate's extension {@code oid} (e.g. the USCC under
     * {@code 1.2.156.10260.4.1.4}); null when the certificate has no such extension.
     *
     * @throws KitException NOT_A_STRING when the extension's value is not a string; BAD_ARGUMENT for an
     *                      {@code oid} that is not one; MALFORMED or TOO_LARGE for the certificate
     */
    public String getCertInfoByOid(byte[] certificateDer, String oid) {
        ASN1ObjectIdentifier id = oid == null ? null : ASN1ObjectIdentifier.tryFromID(oid);
        if (id == null) {
            throw new KitException(KitException.Kind.BAD_ARGUMENT, "'" + oid + "' is not an object identifier");
        }
        return known.get(certificateDer).certificate.extensionString(id);
    }

    /**
     * The employer a certificate names (USCC, name, serial, validity), read with this verifier's
     * {@link IdentityOids}. Not a validation: see {@link #validateCertificate}.
     */
    public EmployerIdentity identity(byte[] certificateDer) {
        return identity(known.get(certificateDer));
    }

    /** The clock the verifier judges validity and challenges by. */
    public Clock clock() {
        return clock;
    }

    /** A validation and, when the bytes were a certificate, the certificate as known. */
    record Checked(CertificateValidation validation, KnownCertificates.Known known) {
    }

    Checked check(byte[] der) {
        return check(der, null);
    }

    /** As {@link #check(byte[])}; {@code fingerprint} the SHA-256 of {@code der} when known, else null. */
    Checked check(byte[] der, String fingerprint) {
        KnownCertificates.Known k;
        try {
            k = fingerprint == null ? known.get(der) : known.get(der, fingerprint);
        } catch (KitException e) {
            return new Checked(CertificateValidation.of(CertificateStatus.MALFORMED, e.getMessage()), null);
        }
        try {
            return check(k);
        } catch (RuntimeException e) {
            // A part only read now (an extension Bouncy Castle's JCA view or the CRL/OCSP lookup parses) is bad.
            return new Checked(CertificateValidation.of(CertificateStatus.MALFORMED,
                    e instanceof KitException ? e.getMessage() : "the certificate cannot be read: " + e), k);
        }
    }

    private Checked check(KnownCertificates.Known k) {
        ParsedCertificate certificate = k.certificate;
        Instant now = clock.instant();
        TrustChains.Chain chain = k.chain;
        if (chain == null || now.isBefore(chain.validFrom()) || now.isAfter(chain.validUntil())) {
            // Checked at a time within the certificate's own validity, so that an expired certificate of a
            // trusted CA is EXPIRED, not UNTRUSTED.
            Instant at = now.isBefore(certificate.notBefore) ? certificate.notBefore
                    : now.isAfter(certificate.notAfter) ? certificate.notAfter : now;
            try {
                chain = chains.check(certificate, at);
                k.chain = chain;
            } catch (TrustChains.Untrusted e) {
                return new Checked(CertificateValidation.of(CertificateStatus.UNTRUSTED, e.getMessage()), k);
            }
        }
        if (now.isBefore(certificate.notBefore)) {
            return new Checked(CertificateValidation.of(CertificateStatus.NOT_YET_VALID,
                    "valid from " + certificate.notBefore), k);
        }
        if (now.isAfter(certificate.notAfter)) {
            return new Checked(CertificateValidation.of(CertificateStatus.EXPIRED,
                    "expired at " + certificate.notAfter), k);
        }
        if (!certificate.canSign) {
            return new Checked(CertificateValidation.of(CertificateStatus.NO_SIGNING_USAGE,
                    "its keyUsage lacks digitalSignature"), k);
        }
        Revocation revocation = switch (revocationSource) {
            case CRL -> crls.status(certificate, chain.issuer());
            case OCSP -> ocsp.status(certificate, chain.issuer());
            case OCSP_ELSE_CRL -> {
                Revocation answer = ocsp.status(certificate, chain.issuer());
                yield answer instanceof Revocation.Unknown ? crls.status(certificate, chain.issuer()) : answer;
            }
        };
        CertificateValidation validation;
        if (revocation instanceof Revocation.Revoked revoked) {
            validation = new CertificateValidation(CertificateStatus.REVOKED,
                    "revoked at " + revoked.at() + " (" + revoked.reason() + ")", revoked.at(), revoked.reason());
        } else if (revocation instanceof Revocation.Unknown unknown) {
            validation = CertificateValidation.of(CertificateStatus.STATUS_UNKNOWN, unknown.why());
        } else {
            validation = CertificateValidation.valid();
        }
        return new Checked(validation, k);
    }

    void verify(ParsedCertificate certificate, byte[] data, byte[] signature) {
        if (!certificate.key.verify(data, signature)) {
            throw new KitException(KitException.Kind.BAD_SIGNATURE,
                    "the " + certificate.key.algorithm().jcaName() + " signature does not verify with the certificate's key");
        }
    }

    EmployerIdentity identity(KnownCertificates.Known k) {
        Object identity = k.identity;
        if (identity == null) {
            try {
                identity = EmployerIdentity.of(k.certificate, identityOids);
            } catch (KitException e) {
                identity = e;
            }
            k.identity = identity;
        }
        if (identity instanceof KitException e) {
            throw new KitException(e.kind(), e.getMessage());
        }
        return (EmployerIdentity) identity;
    }

    private static List<ParsedCertificate> parseAll(List<byte[]> ders) {
        List<ParsedCertificate> parsed = new ArrayList<>();
        for (byte[] der : ders) {
            parsed.add(ParsedCertificate.parse(der));
        }
        return parsed;
    }

    /** Configures a {@link SignInVerifier}. */
    public static final class Builder {
        private final List<byte[]> anchors = new ArrayList<>();
        private final List<byte[]> issuingCas = new ArrayList<>();
        private final List<byte[]> intermediates = new ArrayList<>();
        private RevocationSource revocationSource = RevocationSource.CRL;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private IdentityOids identityOids = IdentityOids.DEFAULT;
        private Duration httpTimeout = Duration.ofSeconds(5);
        private int maxCrlBytes = 64 * 1024 * 1024;
        private int cacheSize = 10_000;

        private Builder() {
        }

        /** A root CA certificate (DER) that certificates must chain to; at least one. */
        public Builder trustAnchor(byte[] der) {
            anchors.add(Objects.requireNonNull(der, "der").clone());
            return this;
        }

        /**
         * An issuing CA certificate (DER): once any is given, only certificates these CAs issued are accepted,
         * and another CA under the same root is UNTRUSTED. Without any, every CA that chains to a trust anchor
         * (through {@link #intermediate}s) is accepted.
         */
        public Builder issuingCa(byte[] der) {
            issuingCas.add(Objects.requireNonNull(der, "der").clone());
            return this;
        }

        /** A CA certificate between an issuing CA and a root. */
        public Builder intermediate(byte[] der) {
            intermediates.add(Objects.requireNonNull(der, "der").clone());
            return this;
        }

        /** Where revocation status comes from; {@link RevocationSource#CRL} by default. */
        public Builder revocationSource(RevocationSource source) {
            this.revocationSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The clock for validity, CRL currency and challenge age; the system's UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The random source for nonces and {@link #genRandom}; a new {@link SecureRandom} by default. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Which extensions carry the USCC; {@link IdentityOids#DEFAULT} by default. */
        public Builder identityOids(IdentityOids oids) {
            this.identityOids = Objects.requireNonNull(oids, "oids");
            return this;
        }

        /** Connect and read timeout of each CRL or OCSP request; 5 seconds by default. */
        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The largest CRL downloaded; 64 MiB by default (OrgCert's CRL of a million entries is 43 MiB). */
        public Builder maxCrlBytes(int bytes) {
            if (bytes < 1024) {
                throw new KitException(KitException.Kind.BAD_ARGUMENT, "a CRL limit below 1 KiB is not useful");
            }
            this.maxCrlBytes = bytes;
            return this;
        }

        /** How many certificates to remember parsed and chain-checked; 10,000 by default. */
        public Builder certificateCacheSize(int size) {
            if (size < 1) {
                throw new KitException(KitException.Kind.BAD_ARGUMENT, "the cache needs room for one certificate");
            }
            this.cacheSize = size;
            return this;
        }

        /**
         * The verifier.
         *
         * @throws KitException BAD_ARGUMENT without a trust anchor; MALFORMED for a CA certificate that is not one
         */
        public SignInVerifier build() {
            return new SignInVerifier(this);
        }
    }
}
