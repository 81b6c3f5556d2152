package org.orgcert.kit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The three signature algorithms of docs/signin.md, each tied to one key family: the certificate's key
 * decides which applies. Verification uses Bouncy Castle's lightweight classes directly (no JCA lookup per
 * call), with the key parsed once per certificate.
 */
public enum SignatureAlgorithm {
    /** SM3withSM2 with the default user ID {@code 1234567812345678} (GM/T 0009), DER-encoded (r, s). */
    SM3_WITH_SM2("SM3withSM2"),
    /** SHA256withECDSA on P-256, DER-encoded (r, s). */
    SHA256_WITH_ECDSA("SHA256withECDSA"),
    /** SHA256withRSA, PKCS#1 v1.5. */
    SHA256_WITH_RSA("SHA256withRSA");

    /** The SM2 user ID every OrgCert key signs with (GM/T 0009 default). */
    public static final byte[] SM2_DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_RSA_BITS = 2048;

    private final String jcaName;

    SignatureAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The JCA name, e.g. {@code SM3withSM2}. */
    public String jcaName() {
        return jcaName;
    }

    /**
     * The algorithm a key signs with, and the key ready for verifying.
     *
     * @throws KitException UNSUPPORTED_KEY for any other key (a curve other than sm2p256v1 or P-256, RSA
     *                      below 2048 bits or with an even or tiny public exponent)
     */
    static Key key(SubjectPublicKeyInfo info) {
        AlgorithmIdentifier algorithm = info.getAlgorithm();
        ASN1ObjectIdentifier type = algorithm.getAlgorithm();
        SignatureAlgorithm family;
        if (type.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Object parameters = algorithm.getParameters();
            if (GMObjectIdentifiers.sm2p256v1.equals(parameters)) {
                family = SM3_WITH_SM2;
            } else if (SECObjectIdentifiers.secp256r1.equals(parameters)) {
                family = SHA256_WITH_ECDSA;
            } else {
                throw new KitException(KitException.Kind.UNSUPPORTED_KEY,
                        "an EC key on a curve other than sm2p256v1 or P-256");
            }
        } else if (type.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            family = SHA256_WITH_RSA;
        } else {
            throw new KitException(KitException.Kind.UNSUPPORTED_KEY, "a key of type " + type);
        }
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new KitException(KitException.Kind.MALFORMED, "the certificate's public key cannot be read", e);
        }
        if (key instanceof RSAKeyParameters rsa) {
            BigInteger e = rsa.getExponent();
            // e = 1 would make every "signature" equal to its message: check the exponent, not just the size.
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS || !e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
                throw new KitException(KitException.Kind.UNSUPPORTED_KEY,
                        "an RSA key needs at least " + MIN_RSA_BITS + " bits and an odd public exponent of at least 3");
            }
        }
        return new Key(family, key);
    }

    /** A certificate's key, parsed once, and the algorithm it signs with. Thread-safe. */
    static final class Key {
        private final SignatureAlgorithm algorithm;
        private final AsymmetricKeyParameter parameters;
        /**
         * An SM2 verifier kept for the next signature: its init hashes the user ID with the curve and the key
         * (Z, GM/T 0003.2), which depends on nothing else, and Bouncy Castle's reset keeps it. Taken by one
         * thread at a time; a thread that finds none makes its own.
         */
        private final AtomicReference<SM2Signer> spareSm2 = new AtomicReference<>();

        Key(SignatureAlgorithm algorithm, AsymmetricKeyParameter parameters) {
            this.algorithm = algorithm;
            this.parameters = parameters;
        }

        SignatureAlgorithm algorithm() {
            return algorithm;
        }

        AsymmetricKeyParameter parameters() {
            return parameters;
        }

        /**
         * Whether {@code signature} over {@code data} verifies.
         *
         * @throws KitException WRONG_ALGORITHM when the signature cannot be one of this key's algorithm (an
         *                      RSA signature for an EC key, an (r, s) pair for an RSA key)
         */
        boolean verify(byte[] data, byte[] signature) {
            if (signature == null || data == null) {
                throw new KitException(KitException.Kind.BAD_ARGUMENT, "the data and the signature are required");
            }
            try {
                return verifies(data, signature);
            } catch (KitException e) {
                throw e;
            } catch (RuntimeException e) {
                return false; // whatever Bouncy Castle could not even decode does not verify
            }
        }

        private boolean verifies(byte[] data, byte[] signature) {
            return switch (algorithm) {
                case SM3_WITH_SM2 -> {
                    ecShape(signature);
                    SM2Signer signer = spareSm2.getAndSet(null);
                    if (signer == null) {
                        signer = new SM2Signer();
                        signer.init(false, new ParametersWithID(parameters, SM2_DEFAULT_USER_ID));
                    }
                    signer.update(data, 0, data.length);
                    boolean valid = signer.verifySignature(signature); // resets the signer, Z kept
                    spareSm2.set(signer);
                    yield valid;
                }
                case SHA256_WITH_ECDSA -> {
                    ecShape(signature);
                    ECPublicKeyParameters ec = (ECPublicKeyParameters) parameters;
                    BigInteger[] rs;
                    try {
                        rs = StandardDSAEncoding.INSTANCE.decode(ec.getParameters().getN(), signature);
                    } catch (IOException | RuntimeException e) {
                        yield false;
                    }
                    SHA256Digest digest = new SHA256Digest();
                    digest.update(data, 0, data.length);
                    byte[] hash = new byte[digest.getDigestSize()];
                    digest.doFinal(hash, 0);
                    ECDSASigner signer = new ECDSASigner();
                    signer.init(false, ec);
                    yield signer.verifySignature(hash, rs[0], rs[1]);
                }
                case SHA256_WITH_RSA -> {
                    int size = (((RSAKeyParameters) parameters).getModulus().bitLength() + 7) / 8;
                    if (signature.length != size) {
                        throw new KitException(KitException.Kind.WRONG_ALGORITHM, "an SHA256withRSA signature of this"
                                + " key has " + size + " bytes; this one has " + signature.length
                                + (signature.length < 160 && signature.length > 0 && signature[0] == 0x30
                                        ? " and looks like an (r, s) pair of SM2 or ECDSA" : ""));
                    }
                    RSADigestSigner signer = new RSADigestSigner(new SHA256Digest());
                    signer.init(false, parameters);
                    signer.update(data, 0, data.length);
                    yield signer.verifySignature(signature);
                }
            };
        }

        /** SM2 and ECDSA signatures are a DER SEQUENCE of two INTEGERs of at most 33 bytes each: at most 72 bytes. */
        private void ecShape(byte[] signature) {
            if (signature.length < 8 || signature.length > 72 || signature[0] != 0x30) {
                throw new KitException(KitException.Kind.WRONG_ALGORITHM, "an " + algorithm.jcaName
                        + " signature is a DER (r, s) pair of at most 72 bytes; this one has " + signature.length
                        + " bytes" + (signature.length >= 256 ? " (an RSA signature?)" : ""));
            }
        }
    }
}
