package org.orgcert.pki.ocsp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;

/**
 * The hash algorithms a CertID may use that this responder answers for. OpenSSL and most clients send
 * SHA-1 (RFC 6960 4.1.1 still names it); SHA-256 is common since; SM3 is what GM/T clients may use.
 */
enum CertIdHash {
    SHA1(OIWObjectIdentifiers.idSHA1, "SHA-1"),
    SHA256(NISTObjectIdentifiers.id_sha256, "SHA-256"),
    SHA384(NISTObjectIdentifiers.id_sha384, "SHA-384"),
    SHA512(NISTObjectIdentifiers.id_sha512, "SHA-512"),
    SM3(GMObjectIdentifiers.sm3, "SM3");

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;

    CertIdHash(ASN1ObjectIdentifier oid, String jcaName) {
        this.oid = oid;
        this.jcaName = jcaName;
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    String jcaName() {
        return jcaName;
    }
}
