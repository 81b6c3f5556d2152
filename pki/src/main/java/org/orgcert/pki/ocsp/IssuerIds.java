package org.orgcert.pki.ocsp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.orgcert.pki.Pki;

/**
 * The CertID fields (RFC 6960 4.1.1) that identify one issuing CA, precomputed for every supported hash.
 *
 * <p>A CertID's hash AlgorithmIdentifier comes in two encodings, with NULL parameters (OpenSSL, Bouncy
 * Castle) or without; both are accepted and told apart as a "variant", because the response must repeat
 * the request's CertID byte for byte and a cached response is therefore specific to one variant.
 */
final class IssuerIds {
    /** Variants: {@code hash.ordinal() * 2} with NULL parameters, {@code + 1} without. */
    static final int VARIANTS = CertIdHash.values().length * 2;
    /** The variant of SHA-1 with NULL parameters: what OpenSSL and BC clients send by default. */
    static final int DEFAULT_VARIANT = CertIdHash.SHA1.ordinal() * 2;

    private final byte[][] algorithmEncodings = new byte[VARIANTS][];
    private final AlgorithmIdentifier[] algorithms = new AlgorithmIdentifier[VARIANTS];
    private final byte[][] nameHashes = new byte[CertIdHash.values().length][];
    private final byte[][] keyHashes = new byte[CertIdHash.values().length][];

    IssuerIds(X509CertificateHolder issuer) {
        try {
            byte[] name = issuer.getSubject().getEncoded(ASN1Encoding.DER);
            byte[] key = issuer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
            for (CertIdHash hash : CertIdHash.values()) {
                MessageDigest digest = MessageDigest.getInstance(hash.jcaName(), Pki.provider());
                nameHashes[hash.ordinal()] = digest.digest(name);
                keyHashes[hash.ordinal()] = digest.digest(key);
                setVariant(hash.ordinal() * 2, new AlgorithmIdentifier(hash.oid(), DERNull.INSTANCE));
                setVariant(hash.ordinal() * 2 + 1, new AlgorithmIdentifier(hash.oid()));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the CA's CertID hashes", e);
        }
    }

    private void setVariant(int variant, AlgorithmIdentifier algorithm) throws IOException {
        algorithms[variant] = algorithm;
        algorithmEncodings[variant] = algorithm.getEncoded(ASN1Encoding.DER);
    }

    /** The variant of an encoded AlgorithmIdentifier at {@code data[from, to)}, or -1. */
    int variant(byte[] data, int from, int to) {
        for (int v = 0; v < VARIANTS; v++) {
            byte[] candidate = algorithmEncodings[v];
            if (Arrays.equals(candidate, 0, candidate.length, data, from, to)) {
                return v;
            }
        }
        return -1;
    }

    /** The variant of a parsed AlgorithmIdentifier, or -1 for another hash or other parameters. */
    int variant(AlgorithmIdentifier algorithm) {
        ASN1Encodable parameters = algorithm.getParameters();
        boolean withNull = parameters != null && DERNull.INSTANCE.equals(parameters);
        if (parameters != null && !withNull) {
            return -1;
        }
        for (CertIdHash hash : CertIdHash.values()) {
            if (hash.oid().equals(algorithm.getAlgorithm())) {
                return hash.ordinal() * 2 + (withNull ? 0 : 1);
            }
        }
        return -1;
    }

    /** True when the name and key hashes at the given ranges are this CA's for {@code variant}. */
    boolean matches(int variant, byte[] data, int nameFrom, int nameTo, int keyFrom, int keyTo) {
        byte[] nameHash = nameHashes[variant / 2];
        byte[] keyHash = keyHashes[variant / 2];
        return Arrays.equals(nameHash, 0, nameHash.length, data, nameFrom, nameTo)
                && Arrays.equals(keyHash, 0, keyHash.length, data, keyFrom, keyTo);
    }

    /** True when a parsed CertID names this CA (its serial aside). */
    boolean matches(int variant, CertID id) {
        // Constant-time comparison is not needed: these hashes are public.
        return Arrays.equals(nameHashes[variant / 2], id.getIssuerNameHash().getOctets())
                && Arrays.equals(keyHashes[variant / 2], id.getIssuerKeyHash().getOctets());
    }

    /** The CertID a client of {@code variant} sends for {@code serial}, for responses signed ahead. */
    CertID certId(int variant, BigInteger serial) {
        return new CertID(algorithms[variant], new DEROctetString(nameHashes[variant / 2]),
                new DEROctetString(keyHashes[variant / 2]), new ASN1Integer(serial));
    }
}
