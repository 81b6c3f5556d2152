package org.orgcert.pki.algorithm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;

/**
 * The three key and signature families OrgCert issues with (R-CERT decision in docs/rules.md):
 * SM2 with SM3 (GM/T 0003, 0004; the national standard Chinese CAs use), ECDSA P-256 with SHA-256 and
 * RSA-3072 with SHA-256.
 */
public enum KeyAlgorithm {
    /** SM2 on curve sm2p256v1, signing SM3withSM2 with the default user ID {@code 1234567812345678}. */
    SM2("EC", "SM3withSM2", GMObjectIdentifiers.sm2p256v1,
            new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3), 256),
    /** ECDSA on NIST P-256 (secp256r1), signing SHA256withECDSA. */
    ECDSA_P256("EC", "SHA256withECDSA", SECObjectIdentifiers.secp256r1,
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256), 256),
    /** RSA with a 3072-bit modulus, signing SHA256withRSA (PKCS#1 v1.5). */
    RSA_3072("RSA", "SHA256withRSA", null,
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE), 3072);

    /** The SM2 user ID (distinguishing identifier) of GM/T 0009 that BC and OpenSSL must agree on. */
    public static final String SM2_DEFAULT_USER_ID = "1234567812345678";

    private final String keyType;
    private final String signatureName;
    private final ASN1ObjectIdentifier curve;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final int keyBits;

    KeyAlgorithm(String keyType, String signatureName, ASN1ObjectIdentifier curve,
            AlgorithmIdentifier signatureAlgorithm, int keyBits) {
        this.keyType = keyType;
        this.signatureName = signatureName;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
        this.keyBits = keyBits;
    }

    /** The JCA signature name, e.g. {@code SM3withSM2}. */
    public String signatureName() {
        return signatureName;
    }

    /** The signature AlgorithmIdentifier as it goes into certificates, CRLs and OCSP responses. */
    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The JCA key type: {@code EC} or {@code RSA}. */
    public String keyType() {
        return keyType;
    }

    /** The key size in bits (modulus for RSA, field size for EC). */
    public int keyBits() {
        return keyBits;
    }

    /** The curve name the JCA understands ({@code sm2p256v1}, {@code secp256r1}), or {@code null}. */
    public String curveName() {
        return this == SM2 ? "sm2p256v1" : this == ECDSA_P256 ? "secp256r1" : null;
    }

    /** Generates a key pair with Bouncy Castle (BC keys sign about 3x faster with BC than JDK keys). */
    public KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType, Pki.provider());
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curveName()), Pki.random());
            } else {
                generator.initialize(new RSAKeyGenParameterSpec(keyBits, RSAKeyGenParameterSpec.F4), Pki.random());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle cannot generate " + this + " keys", e);
        }
    }

    /**
     * Which algorithm a public key belongs to.
     *
     * @throws PkiException of kind UNSUPPORTED_KEY for any other curve, key type or size
     */
    public static KeyAlgorithm of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa(rsa.getModulus(), rsa.getPublicExponent());
        }
        if (key instanceof ECPublicKey) {
            return of(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        }
        throw new PkiException(PkiException.Kind.UNSUPPORTED_KEY,
                "unsupported key type " + key.getAlgorithm() + "; use SM2, ECDSA P-256 or RSA-3072");
    }

    /**
     * Which algorithm an encoded public key belongs to, read from its SubjectPublicKeyInfo.
     *
     * @throws PkiException of kind UNSUPPORTED_KEY for any other curve, key type or size
     */
    public static KeyAlgorithm of(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
            if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier named)) {
                throw new PkiException(PkiException.Kind.UNSUPPORTED_KEY,
                        "EC keys must name their curve (explicit curve parameters are not accepted)");
            }
            for (KeyAlgorithm algorithm : values()) {
                if (named.equals(algorithm.curve)) {
                    return algorithm;
                }
            }
            throw new PkiException(PkiException.Kind.UNSUPPORTED_KEY,
                    "unsupported EC curve " + named + "; use sm2p256v1 or P-256");
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
            try {
                var rsa = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(info.parsePublicKey());
                return rsa(rsa.getModulus(), rsa.getPublicExponent());
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new PkiException(PkiException.Kind.MALFORMED, "the RSA public key is not valid DER", e);
            }
        }
        throw new PkiException(PkiException.Kind.UNSUPPORTED_KEY,
                "unsupported key algorithm " + type + "; use SM2, ECDSA P-256 or RSA-3072");
    }

    /** The smallest public exponent accepted (F4; NIST SP 800-56B and the CA/B Forum ask for at least it). */
    private static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);

    /**
     * RSA-3072 when the modulus has 3072 bits and the public exponent e is odd with 65537 ≤ e < 2^256
     * (NIST SP 800-89 5.3.3): e = 1 makes every "signature" equal to its padded message, so a CSR with it
     * proves possession of nothing, and small exponents invite broadcast attacks.
     */
    private static KeyAlgorithm rsa(BigInteger modulus, BigInteger exponent) {
        int bits = modulus.bitLength();
        if (bits != RSA_3072.keyBits) {
            throw new PkiException(PkiException.Kind.UNSUPPORTED_KEY,
                    "RSA keys must have a 3072-bit modulus; this one has " + bits + " bits");
        }
        if (!exponent.testBit(0) || exponent.compareTo(MIN_RSA_EXPONENT) < 0 || exponent.bitLength() > 256) {
            throw new PkiException(PkiException.Kind.UNSUPPORTED_KEY,
                    "RSA public exponents must be odd, at least 65537 and below 2^256; this one is " + exponent);
        }
        return RSA_3072;
    }

    /** Parses a name such as {@code sm2}, {@code ecdsa-p256} or {@code RSA_3072}. */
    public static KeyAlgorithm parse(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.name().equals(normal)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm '" + name + "'; use sm2, ecdsa-p256 or rsa-3072");
    }

    /** The lower-case name used in file names, benchmarks and configuration: {@code ecdsa-p256}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
