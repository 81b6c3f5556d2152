package org.orgcert.pki.csr;

import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.orgcert.pki.Der;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/** Parses PKCS#10 certificate requests from untrusted bytes and checks proof of possession. */
public final class CsrParser {
    private final int limit;

    /** A parser with the default 64 KiB limit. */
    public CsrParser() {
        this(Der.DEFAULT_LIMIT);
    }

    /** A parser that refuses requests over {@code limit} bytes. */
    public CsrParser(int limit) {
        this.limit = limit;
    }

    /**
     * Parses and verifies a DER-encoded PKCS#10 request.
     *
     * @throws PkiException MALFORMED or TOO_LARGE for bad bytes, UNSUPPORTED_KEY for a key OrgCert does not
     *                      issue for, BAD_SIGNATURE when the request is not signed by its own key
     */
    public VerifiedCsr parse(byte[] der) {
        CertificationRequest request = Der.parse(der, limit, "certificate request", CertificationRequest::getInstance);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(request);
        KeyAlgorithm algorithm = KeyAlgorithm.of(csr.getSubjectPublicKeyInfo());
        if (!algorithm.signatureAlgorithm().getAlgorithm().equals(csr.getSignatureAlgorithm().getAlgorithm())) {
            throw new PkiException(PkiException.Kind.BAD_SIGNATURE, "a " + algorithm.label()
                    + " request must be signed with " + algorithm.signatureName()
                    + ", not " + csr.getSignatureAlgorithm().getAlgorithm());
        }
        boolean valid;
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder()
                    .setProvider(Pki.provider()).build(csr.getSubjectPublicKeyInfo());
            valid = csr.isSignatureValid(verifier);
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new PkiException(PkiException.Kind.BAD_SIGNATURE,
                    "the request's signature cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new PkiException(PkiException.Kind.BAD_SIGNATURE,
                    "the request's signature does not match its public key (no proof of possession)");
        }
        return new VerifiedCsr(csr.getSubjectPublicKeyInfo(), algorithm, csr.getSubject(), der.clone());
    }
}
